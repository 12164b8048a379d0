import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GenerateOperationSchema } from '../../src/lib/core/operations';
import {
  claimAbandoned,
  handOff,
  heartbeat,
  imbalances,
  listOutputs,
  markVariation,
  monthTotals,
  readOutput,
  release,
  reserve,
  settle,
  type SettledOutput
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
const requestHash = 'hash-of-p';
const stored = (seed: number): SettledOutput => ({
  contentType: 'image/png',
  seed,
  costMicros: COST,
  blobKey: `blob-${seed}`,
  sizeBytes: 3,
  expiresAt: new Date(Date.now() + 86_400_000)
});

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
      expect(versions.map((row) => row.version)).toEqual([1, 2, 4]);
    });

    it('lets exactly the affordable number of 20 parallel reservations through, and balances', async () => {
      const user = 'racer';
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          reserve(sql, {
            user,
            idempotencyKey: `race-${i}`,
            requestHash,
            op,
            amountMicros: COST,
            limitMicros: LIMIT
          })
        )
      );
      const granted = results.filter((result) => result.kind === 'reserved');
      expect(granted).toHaveLength(Math.floor(LIMIT / COST));
      expect(results.filter((result) => result.kind === 'over_budget')).toHaveLength(20 - granted.length);
      await Promise.all(
        granted.map((result, i) =>
          i % 2 === 0
            ? settle(sql, result.entry.id, [stored(i)], 0)
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
        requestHash,
        op,
        amountMicros: COST,
        limitMicros: LIMIT
      };
      const [a, b] = await Promise.all([reserve(sql, request), reserve(sql, request)]);
      expect([a.kind, b.kind].sort()).toEqual(['existing', 'reserved']);
      const entry = a.kind === 'reserved' ? a.entry : b.kind === 'reserved' ? b.entry : undefined;
      await settle(sql, entry!.id, [stored(5)], 0);
      await settle(sql, entry!.id, [stored(5)], 0);
      const again = await reserve(sql, request);
      expect(again.kind).toBe('existing');
      expect((await monthTotals(sql, 'idem')).spentMicros).toBe(COST);
      expect(await listOutputs(sql, entry!.id)).toEqual([
        { position: 0, contentType: 'image/png', seed: 5, costMicros: COST }
      ]);
      expect(await readOutput(sql, entry!.id, 0)).toMatchObject({ blobKey: 'blob-5', bytes: null });
    });

    it('returns a released reservation to the budget', async () => {
      const request = { user: 'refund', op, requestHash, amountMicros: 600_000, limitMicros: LIMIT };
      const first = await reserve(sql, { ...request, idempotencyKey: 'r1' });
      expect((await reserve(sql, { ...request, idempotencyKey: 'r2' })).kind).toBe('over_budget');
      if (first.kind !== 'reserved') throw new Error('expected a reservation');
      await release(sql, first.entry.id, { code: 'timeout', message: 'no answer' });
      expect((await reserve(sql, { ...request, idempotencyKey: 'r3' })).kind).toBe('reserved');
      expect(await imbalances(sql)).toEqual([]);
    });

    it('binds a key to its parameters for 24 h: other parameters are refused, an expired key starts anew', async () => {
      const request = { user: 'stripe', op, requestHash, amountMicros: COST, limitMicros: LIMIT };
      const first = await reserve(sql, { ...request, idempotencyKey: 'k' });
      expect(first.kind).toBe('reserved');
      expect((await reserve(sql, { ...request, idempotencyKey: 'k', requestHash: 'other' })).kind).toBe(
        'key_reused'
      );
      const later = new Date(Date.now() + 25 * 3_600_000);
      const renewed = await reserve(sql, {
        ...request,
        idempotencyKey: 'k',
        requestHash: 'other',
        now: later
      });
      expect(renewed.kind).toBe('reserved');
      if (first.kind !== 'reserved' || renewed.kind !== 'reserved') throw new Error('expected reservations');
      expect(renewed.entry.id).not.toBe(first.entry.id);
    });

    it('refuses a user with nothing left even for a free operation', async () => {
      const free = { user: 'broke', op, requestHash, amountMicros: 0, limitMicros: 0 };
      expect((await reserve(sql, { ...free, idempotencyKey: 'z' })).kind).toBe('over_budget');
      expect((await reserve(sql, { ...free, idempotencyKey: 'z2', limitMicros: 1 })).kind).toBe('reserved');
    });

    it('charges a variation the provider took even without an output, and cleans text SQL cannot store', async () => {
      const request = { user: 'charged', op, requestHash, amountMicros: COST, limitMicros: LIMIT };
      const entry = await reserve(sql, { ...request, idempotencyKey: 'c1' });
      if (entry.kind !== 'reserved') throw new Error('expected a reservation');
      await markVariation(sql, entry.entry.id, 0, {
        state: 'charged',
        error: { code: 'cancelled', message: 'nul \u0000 and \uD800 lone' }
      });
      const closed = await settle(
        sql,
        entry.entry.id,
        [],
        1,
        { code: 'cancelled', message: 'nul \u0000 and \uD800 lone' },
        COST
      );
      expect(closed).toMatchObject({ status: 'settled', chargedMicros: COST });
      expect(closed.error?.message).toBe('nul  and \uFFFD lone');
      expect(await imbalances(sql)).toEqual([]);
    });

    it('hands an abandoned reservation to exactly one claimant, and leaves live ones alone', async () => {
      const request = { user: 'crash', op, requestHash, amountMicros: COST, limitMicros: LIMIT };
      const dead = await reserve(sql, { ...request, idempotencyKey: 'old' });
      const live = await reserve(sql, { ...request, idempotencyKey: 'fresh' });
      if (dead.kind !== 'reserved' || live.kind !== 'reserved') throw new Error('expected reservations');
      await handOff(sql, [dead.entry.id]);
      await heartbeat(sql, [live.entry.id]);
      const [a, b] = await Promise.all([claimAbandoned(sql, 30_000), claimAbandoned(sql, 30_000)]);
      expect([...a, ...b].map((entry) => entry.id)).toEqual([dead.entry.id]);
      expect(await claimAbandoned(sql, 30_000)).toEqual([]);
      expect(await imbalances(sql)).toEqual([]);
    });
  });
}
