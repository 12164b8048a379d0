import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GenerateOperationSchema } from '../../src/lib/core/operations';
import {
  imbalances,
  listOutputs,
  monthTotals,
  readOutput,
  release,
  releaseStale,
  reserve,
  settle
} from './ledger';
import { migrate } from '../db/migrate';
import type { Sql } from '../db/sql';
import { ledgerBackends } from '../testing/db-backends';

const op = GenerateOperationSchema.parse({
  operation: 'generate',
  provider: 'stability',
  model: 'core',
  prompt: 'p'
});
const COST = 70_000;
const LIMIT = 1_000_000;

for (const backend of ledgerBackends()) {
  describe(`ledger on ${backend.name}`, () => {
    let sql: Sql;
    beforeAll(async () => {
      sql = await backend.open();
    }, 60_000);
    afterAll(() => backend.dispose(sql));

    it('runs each migration once, however often it starts', async () => {
      expect(await migrate(sql)).toEqual([]);
      const versions = await sql.query<{ version: number }>('select version from schema_migrations');
      expect(versions.map((row) => row.version)).toEqual([1, 2]);
    });

    it('lets exactly the affordable number of 20 parallel reservations through, and balances', async () => {
      const user = 'racer';
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          reserve(sql, { user, idempotencyKey: `race-${i}`, op, amountMicros: COST, limitMicros: LIMIT })
        )
      );
      const granted = results.filter((result) => result.kind === 'reserved');
      expect(granted).toHaveLength(Math.floor(LIMIT / COST));
      expect(results.filter((result) => result.kind === 'over_budget')).toHaveLength(20 - granted.length);
      await Promise.all(
        granted.map((result, i) =>
          i % 2 === 0
            ? settle(
                sql,
                result.entry.id,
                [{ contentType: 'image/png', seed: i, costMicros: COST, bytes: new Uint8Array([i]) }],
                0
              )
            : release(sql, result.entry.id, { code: 'upstream_failed', message: 'boom' })
        )
      );
      const totals = await monthTotals(sql, user);
      expect(totals).toMatchObject({ spentMicros: 7 * COST, reservedMicros: 0 });
      expect(await imbalances(sql)).toEqual([]);
    });

    it('never charges twice for one idempotency key, even when both requests race', async () => {
      const request = {
        user: 'idem',
        idempotencyKey: 'same-key',
        op,
        amountMicros: COST,
        limitMicros: LIMIT
      };
      const [a, b] = await Promise.all([reserve(sql, request), reserve(sql, request)]);
      expect([a.kind, b.kind].sort()).toEqual(['existing', 'reserved']);
      const entry = a.kind === 'reserved' ? a.entry : b.kind === 'reserved' ? b.entry : undefined;
      await settle(
        sql,
        entry!.id,
        [{ contentType: 'image/png', seed: 5, costMicros: COST, bytes: new Uint8Array([1, 2, 3]) }],
        0
      );
      await settle(
        sql,
        entry!.id,
        [{ contentType: 'image/png', seed: 5, costMicros: COST, bytes: new Uint8Array([1, 2, 3]) }],
        0
      );
      const again = await reserve(sql, request);
      expect(again.kind).toBe('existing');
      expect((await monthTotals(sql, 'idem')).spentMicros).toBe(COST);
      expect(await listOutputs(sql, entry!.id)).toEqual([
        { position: 0, contentType: 'image/png', seed: 5, costMicros: COST }
      ]);
      expect([...((await readOutput(sql, entry!.id, 0))?.bytes ?? [])]).toEqual([1, 2, 3]);
    });

    it('returns a released reservation to the budget', async () => {
      const request = { user: 'refund', op, amountMicros: 600_000, limitMicros: LIMIT };
      const first = await reserve(sql, { ...request, idempotencyKey: 'r1' });
      expect((await reserve(sql, { ...request, idempotencyKey: 'r2' })).kind).toBe('over_budget');
      if (first.kind !== 'reserved') throw new Error('expected a reservation');
      await release(sql, first.entry.id, { code: 'timeout', message: 'no answer' });
      expect((await reserve(sql, { ...request, idempotencyKey: 'r3' })).kind).toBe('reserved');
      expect(await imbalances(sql)).toEqual([]);
    });

    it('releases reservations abandoned by a server that died, and only those', async () => {
      const request = { user: 'crash', op, amountMicros: COST, limitMicros: LIMIT };
      const old = await reserve(sql, { ...request, idempotencyKey: 'old' });
      const fresh = await reserve(sql, { ...request, idempotencyKey: 'fresh' });
      if (old.kind !== 'reserved' || fresh.kind !== 'reserved') throw new Error('expected reservations');
      await sql.query(`update ledger_entries set updated_at = now() - interval '2 hours' where id = $1`, [
        old.entry.id
      ]);
      expect(await releaseStale(sql, 60 * 60 * 1000)).toBe(1);
      expect(await monthTotals(sql, 'crash')).toMatchObject({ reservedMicros: COST, spentMicros: 0 });
      expect(await imbalances(sql)).toEqual([]);
    });
  });
}
