import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../src/lib/core/api/errors';
import {
  BudgetResponseSchema,
  EstimateResponseSchema,
  JobResponseSchema,
  ProvidersResponseSchema
} from '../../src/lib/core/api/ai';
import { imbalances } from '../ledger/ledger';
import type { Sql } from '../db/sql';
import { ledgerBackends } from '../testing/db-backends';
import { solidPng } from '../testing/fakes/png';
import type { FakeServer } from '../testing/fakes/server';
import { startFakeStability } from '../testing/fakes/stability';
import { appWithAi } from '../testing/ai-harness';

const KEY = 'sk-stability-route-test-key';
const generate = (variations = 1, extra: Record<string, unknown> = {}) => ({
  operation: 'generate',
  provider: 'stability',
  model: 'core',
  prompt: 'a lighthouse at dusk',
  width: 1080,
  height: 1350,
  variations,
  ...extra
});
let keyCounter = 0;
const newKey = () => `key-${Date.now()}-${keyCounter++}`;

for (const backend of ledgerBackends()) {
  describe(`/api/ai on ${backend.name}`, () => {
    let sql: Sql;
    let fake: FakeServer;
    let server: ReturnType<typeof appWithAi>;
    beforeAll(async () => {
      sql = await backend.open();
      fake = await startFakeStability(KEY);
    }, 60_000);
    afterAll(async () => {
      await fake.close();
      await backend.dispose(sql);
    });
    beforeEach(async () => {
      fake.requests.length = 0;
      await sql.exec('truncate job_outputs, ledger_entries, user_months');
      server = appWithAi(sql, { stability: { url: fake.url, key: KEY } });
    });

    it('refuses every /api/ai route without a valid Bearer token, saying how to get one', async () => {
      for (const path of ['/api/ai/providers', '/api/ai/budget', '/api/ai/jobs/x']) {
        const response = await server.call(path, {}, null);
        expect(response.status).toBe(401);
        expect(ApiErrorSchema.parse(await response.json()).error.message).toMatch(/user:add/);
      }
      expect((await server.run(generate(), newKey(), 'isk_wrong')).status).toBe(401);
      expect(fake.requests).toHaveLength(0);
    });

    it('lists only configured providers, with each model’s ranges and price', async () => {
      const body = ProvidersResponseSchema.parse(await (await server.call('/api/ai/providers')).json());
      expect(body.providers.map((provider) => provider.id)).toEqual(['stability']);
      const sd3 = body.providers[0]?.models.find((model) => model.id === 'sd3.5-large');
      expect(sd3).toMatchObject({ guidance: { min: 1, max: 10 }, unitMicros: 65_000 });
    });

    it('estimates from the cost table and reports pre-flight issues inline', async () => {
      const ok = EstimateResponseSchema.parse(
        await (
          await server.call('/api/ai/estimate', {
            method: 'POST',
            body: JSON.stringify(generate(3)),
            headers: { 'content-type': 'application/json' }
          })
        ).json()
      );
      expect(ok).toMatchObject({
        estimate: { totalMicros: 90_000, credits: 9 },
        issues: [],
        planned: { aspectRatio: '4:5' },
        configured: true
      });
      const bad = EstimateResponseSchema.parse(
        await (
          await server.call('/api/ai/estimate', {
            method: 'POST',
            body: JSON.stringify(generate(1, { model: 'sd3.5-large', guidance: 15 })),
            headers: { 'content-type': 'application/json' }
          })
        ).json()
      );
      expect(bad.issues).toEqual([{ field: 'guidance', message: 'Guidance must be 1–10 for this model.' }]);
    });

    it('runs 3 variations: 3 images with their own seeds, charged exactly the estimate', async () => {
      const response = await server.run(generate(3, { seed: 100 }), newKey());
      expect(response.status).toBe(200);
      const job = JobResponseSchema.parse(await response.json());
      expect(job).toMatchObject({ status: 'done', reservedMicros: 90_000, chargedMicros: 90_000, failed: 0 });
      expect(job.outputs.map((output) => output.seed).sort()).toEqual([100, 101, 102]);
      const image = await server.call(job.outputs[0]!.url);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect([...new Uint8Array(await image.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      const budget = BudgetResponseSchema.parse(await (await server.call('/api/ai/budget')).json());
      expect(budget).toMatchObject({
        spentMicros: 90_000,
        reservedMicros: 0,
        limitMicros: 1_000_000,
        remainingMicros: 910_000
      });
      expect(fake.requests).toHaveLength(3);
    });

    it('keeps a batch that starts at the model’s top seed inside its range (seed + i never wraps to 0)', async () => {
      const top = 4_294_967_294;
      const response = await server.run(generate(3, { seed: top }), newKey());
      const job = JobResponseSchema.parse(await response.json());
      expect(job.outputs.map((output) => output.seed).sort()).toEqual([top - 2, top - 1, top]);
    });

    it('makes no upstream request when pre-flight refuses', async () => {
      const response = await server.run(generate(1, { model: 'sd3.5-large', guidance: 15 }), newKey());
      expect(response.status).toBe(422);
      const body = ApiErrorSchema.parse(await response.json());
      expect(body.error).toMatchObject({
        code: 'preflight_failed',
        fields: { guidance: 'Guidance must be 1–10 for this model.' }
      });
      expect((await server.run({ ...generate(), prompt: '' }, newKey())).status).toBe(400);
      expect(fake.requests).toHaveLength(0);
    });

    it('replays a retried Idempotency-Key without calling upstream or charging again', async () => {
      const key = newKey();
      const first = JobResponseSchema.parse(await (await server.run(generate(2), key)).json());
      const again = JobResponseSchema.parse(await (await server.run(generate(2), key)).json());
      expect(again).toMatchObject({ id: first.id, replayed: true, chargedMicros: 60_000 });
      expect(fake.requests).toHaveLength(2);
      const budget = BudgetResponseSchema.parse(await (await server.call('/api/ai/budget')).json());
      expect(budget.spentMicros).toBe(60_000);
    });

    it('lets exactly the affordable number of 20 parallel runs through, and the ledger balances', async () => {
      // $1.00 budget, $0.08 each (ultra): 12 fit.
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => server.run(generate(1, { model: 'ultra' }), newKey()))
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(12);
      expect(statuses.filter((status) => status === 402)).toHaveLength(8);
      const refused = ApiErrorSchema.parse(await responses[statuses.indexOf(402)]!.json());
      expect(refused.error.message).toMatch(/\$0\.08; \$0\.04 of your \$1\.00 monthly budget is left/);
      expect(fake.requests).toHaveLength(12);
      const budget = BudgetResponseSchema.parse(await (await server.call('/api/ai/budget')).json());
      expect(budget).toMatchObject({ spentMicros: 960_000, reservedMicros: 0 });
      expect(await imbalances(sql)).toEqual([]);
    });

    it('releases the reservation when the upstream call fails, says why in our words and logs theirs', async () => {
      fake.failNext({ status: 400, body: { id: 'e', name: 'bad_request', errors: ['prompt: too vague'] } });
      const response = await server.run(generate(), newKey());
      expect(response.status).toBe(422);
      const job = JobResponseSchema.parse(await response.json());
      expect(job).toMatchObject({ status: 'failed', chargedMicros: 0, error: { code: 'rejected' } });
      expect(job.error?.message).toMatch(/refused the request \(HTTP 400\)/);
      expect(job.error?.message).not.toMatch(/too vague/);
      expect(server.lines.join('\n')).toMatch(/upstream said: prompt: too vague/);
      const budget = BudgetResponseSchema.parse(await (await server.call('/api/ai/budget')).json());
      expect(budget).toMatchObject({ spentMicros: 0, reservedMicros: 0 });
    });

    it('charges a generation Stability filtered (a 200 it bills) and saves no blur', async () => {
      const job = JobResponseSchema.parse(
        await (await server.run(generate(1, { prompt: 'a filtered lighthouse' }), newKey())).json()
      );
      expect(job).toMatchObject({ status: 'failed', error: { code: 'content_filtered' } });
      expect(job.chargedMicros).toBeGreaterThan(0);
      const budget = BudgetResponseSchema.parse(await (await server.call('/api/ai/budget')).json());
      expect(budget.reservedMicros).toBe(0);
      expect(await imbalances(sql)).toEqual([]);
    });

    it('charges only the variations that succeeded', async () => {
      fake.failNext({ status: 400, body: { id: 'e', name: 'bad_request', errors: ['nope'] } });
      const job = JobResponseSchema.parse(await (await server.run(generate(3), newKey())).json());
      expect(job).toMatchObject({ status: 'done', failed: 1, chargedMicros: 60_000 });
      expect(job.outputs).toHaveLength(2);
    });

    it('answers 202 with the job to poll when the result takes longer than the wait', async () => {
      const slow = appWithAi(sql, { stability: { url: fake.url, key: KEY } }, { waitMs: 0 });
      fake.pendingPolls = 3;
      const image = solidPng(64, 64, [1, 2, 3]);
      const form = new FormData();
      form.set(
        'operation',
        JSON.stringify({
          operation: 'upscale.creative',
          provider: 'stability',
          model: 'creative',
          prompt: 'a harbour at dusk',
          image: { part: 'photo', format: 'png', width: 64, height: 64, bytes: image.length }
        })
      );
      form.set('photo', new Blob([image], { type: 'image/png' }), 'photo.png');
      const response = await slow.call('/api/ai/run', {
        method: 'POST',
        body: form,
        headers: { 'idempotency-key': newKey() }
      });
      expect(response.status).toBe(202);
      const started = JobResponseSchema.parse(await response.json());
      expect(response.headers.get('location')).toBe(`/api/ai/jobs/${started.id}`);
      let job = started;
      for (let i = 0; i < 100 && job.status === 'running'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        job = JobResponseSchema.parse(await (await slow.call(`/api/ai/jobs/${started.id}`)).json());
      }
      expect(job).toMatchObject({ status: 'done', chargedMicros: 600_000 });
    });

    it('refuses an upload that is not what the operation declared', async () => {
      const image = solidPng(64, 64, [1, 2, 3]);
      const form = new FormData();
      form.set(
        'operation',
        JSON.stringify({
          operation: 'upscale.fast',
          provider: 'stability',
          model: 'fast',
          image: { part: 'photo', format: 'png', width: 128, height: 128, bytes: image.length }
        })
      );
      form.set('photo', new Blob([image], { type: 'image/png' }));
      const response = await server.call('/api/ai/run', {
        method: 'POST',
        body: form,
        headers: { 'idempotency-key': newKey() }
      });
      expect(response.status).toBe(422);
      expect(ApiErrorSchema.parse(await response.json()).error.message).toMatch(
        /is 64×64, not the 128×128 declared/
      );
      expect(fake.requests).toHaveLength(0);
    });

    it('refuses uploads above the limit, a missing Idempotency-Key, and too many requests', async () => {
      const big = await server.call('/api/ai/run', {
        method: 'POST',
        body: new Uint8Array(3 * 1024 * 1024),
        headers: { 'content-type': 'application/octet-stream', 'idempotency-key': newKey() }
      });
      expect(big.status).toBe(413);
      const keyless = await server.call('/api/ai/run', {
        method: 'POST',
        body: JSON.stringify(generate()),
        headers: { 'content-type': 'application/json' }
      });
      expect(ApiErrorSchema.parse(await keyless.json()).error.code).toBe('idempotency_key_required');
      // On PostgreSQL the limit is shared by every instance, so this minute's earlier calls would count: start afresh.
      await sql.query('delete from rate_limits');
      const limited = appWithAi(sql, { stability: { url: fake.url, key: KEY } }, { ratePerMinute: 1 });
      expect((await limited.run(generate(), newKey())).status).toBe(200);
      const second = await limited.run(generate(), newKey());
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
}
