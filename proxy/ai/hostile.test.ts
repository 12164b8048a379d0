import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../src/lib/core/api/errors';
import { BudgetResponseSchema, JobResponseSchema } from '../../src/lib/core/api/ai';
import { enhanceRate } from '../../src/lib/core/cost/table';
import { hashToken, UserDirectory } from '../auth/users';
import type { Sql } from '../db/sql';
import { imbalances } from '../ledger/ledger';
import { appWithAi, TEST_TOKEN } from '../testing/ai-harness';
import { ledgerBackends } from '../testing/db-backends';
import { startFakeGemini } from '../testing/fakes/gemini';
import {
  startHostileWaveSpeed,
  startInternalService,
  type HostileWaveSpeed,
  type InternalService
} from '../testing/fakes/hostile';
import { startFakeHuggingFace } from '../testing/fakes/huggingface';
import type { FakeServer } from '../testing/fakes/server';

const WAVE_KEY = 'ws-hostile-key-0123456789';
const GEMINI_KEY = 'gm-hostile-key-0123456789';
const HF_KEY = 'hf_hostile-key-0123456789';
const BROKE_TOKEN = 'isk_broke-user-token';
const UNIT = 30_000; // wavespeed qwen-image

const generate = (prompt: string) => ({
  operation: 'generate',
  provider: 'wavespeed',
  model: 'qwen-image',
  prompt,
  width: 1024,
  height: 1024
});
let counter = 0;
const newKey = () => `hostile-${Date.now()}-${counter++}`;

/** The default server's engine, over real HTTP on loopback. */
const [pglite] = ledgerBackends();

describe('the AI proxy against hostile upstreams, over loopback HTTP', () => {
  let sql: Sql;
  let internal: InternalService;
  let wave: HostileWaveSpeed;
  let gemini: FakeServer;
  let hf: FakeServer;
  let server: ReturnType<typeof appWithAi>;
  let base: string;
  let closeServer: () => Promise<void>;
  const users = new UserDirectory([
    { name: 'alice', tokenHash: hashToken(TEST_TOKEN), monthlyBudgetUsd: 1, createdAt: 'test' },
    { name: 'broke', tokenHash: hashToken(BROKE_TOKEN), monthlyBudgetUsd: 0, createdAt: 'test' }
  ]);

  beforeAll(async () => {
    sql = await pglite!.open();
    internal = await startInternalService();
    wave = await startHostileWaveSpeed(WAVE_KEY, internal.url);
    gemini = await startFakeGemini(GEMINI_KEY);
    hf = await startFakeHuggingFace(HF_KEY);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([wave.close(), gemini.close(), hf.close(), internal.close()]);
    await pglite!.dispose(sql);
  });
  beforeEach(async () => {
    await closeServer?.();
    await sql.exec('truncate job_outputs, ledger_entries, user_months');
    server = appWithAi(
      sql,
      {
        wavespeed: { url: wave.url, key: WAVE_KEY },
        gemini: { url: gemini.url, key: GEMINI_KEY },
        huggingface: { url: hf.url, key: HF_KEY }
      },
      { users, ratePerMinute: 30 }
    );
    ({ url: base, close: closeServer } = await server.listen());
    wave.requests.length = 0;
    gemini.requests.length = 0;
    hf.requests.length = 0;
    internal.hits.length = 0;
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}, token = TEST_TOKEN) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }
    });
  const run = (body: unknown, key = newKey(), token = TEST_TOKEN) =>
    post('/api/ai/run', body, { 'idempotency-key': key }, token);
  const budget = async (token = TEST_TOKEN) =>
    BudgetResponseSchema.parse(
      await (await fetch(`${base}/api/ai/budget`, { headers: { authorization: `Bearer ${token}` } })).json()
    );

  it('charges every run-then-cancel cycle the provider accepted: upstream submits equal charges', async () => {
    server.deps.waitMs = 0; // answer 202 at once, as a slow job would
    const submitsBefore = wave.submits();
    for (let cycle = 0; cycle < 5; cycle++) {
      const started = await run(generate('slow:100000 a lighthouse'), newKey());
      expect(started.status).toBe(202);
      const job = JobResponseSchema.parse(await started.json());
      const deleted = await fetch(`${base}/api/ai/jobs/${job.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${TEST_TOKEN}` }
      });
      const closed = JobResponseSchema.parse(await deleted.json());
      expect(closed.status).toBe('failed');
      expect(closed.error?.code).toBe('cancelled');
    }
    const { spentMicros, reservedMicros } = await budget();
    expect(reservedMicros).toBe(0);
    expect(spentMicros / UNIT).toBe(wave.submits() - submitsBefore);
    expect(wave.submits() - submitsBefore).toBe(5);
    expect(await imbalances(sql)).toEqual([]);
  }, 60_000);

  it('meters and rate-limits /enhance like a run, and a user with no budget reaches no upstream', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => post('/api/ai/enhance', { prompt: 'a cat on a mat' }))
    );
    const statuses = answers.map((answer) => answer.status);
    const served = statuses.filter((status) => status === 200).length;
    expect(served).toBe(30);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    expect(gemini.requests).toHaveLength(30);
    expect((await budget()).spentMicros).toBe(30 * enhanceRate.usdMicros);

    const refused = [
      await post('/api/ai/enhance', { prompt: 'a cat' }, {}, BROKE_TOKEN),
      await run(generate('a cat'), newKey(), BROKE_TOKEN),
      await run(
        {
          operation: 'generate',
          provider: 'huggingface',
          model: 'black-forest-labs/FLUX.1-schnell',
          prompt: 'a cat priced at zero'
        },
        newKey(),
        BROKE_TOKEN
      )
    ];
    for (const answer of refused) {
      expect(answer.status).toBe(402);
      expect(ApiErrorSchema.parse(await answer.json()).error.code).toBe('budget_exceeded');
    }
    expect(gemini.requests).toHaveLength(30);
    expect(wave.requests).toHaveLength(0);
    expect(hf.requests).toHaveLength(0);
  }, 60_000);

  it('refuses result links to loopback, through a redirect, or as data:, and never fetches them', async () => {
    for (const trap of ['loopback', 'redirect', 'data']) {
      const answer = await run(generate(`${trap} a lighthouse`));
      const job = JobResponseSchema.parse(await answer.json());
      expect(job.status).toBe('failed');
      expect(job.outputs).toEqual([]);
      expect(job.error?.message).toMatch(/not fetched/);
    }
    expect(internal.hits).toEqual([]);
    expect(await imbalances(sql)).toEqual([]);
  }, 60_000);

  it('serves a result with the type found in its bytes, and refuses a web page passed off as an image', async () => {
    const ok = JobResponseSchema.parse(await (await run(generate('a lighthouse'))).json());
    expect(ok.status).toBe('done');
    const file = await fetch(`${base}${ok.outputs[0]?.url}`, {
      headers: { authorization: `Bearer ${TEST_TOKEN}` }
    });
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename=".+\.png"$/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect([...new Uint8Array(await file.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);

    const html = JobResponseSchema.parse(await (await run(generate('html a lighthouse'))).json());
    expect(html.status).toBe('failed');
    expect(html.error?.message).toMatch(/not an image/);
  }, 60_000);

  it('binds an Idempotency-Key to its parameters: the same key with another body is 422', async () => {
    const key = newKey();
    const submitsBefore = wave.submits();
    const first = await run(generate('a lighthouse'), key);
    expect(first.status).toBe(200);
    const replay = JobResponseSchema.parse(await (await run(generate('a lighthouse'), key)).json());
    expect(replay.replayed).toBe(true);
    const reused = await run(generate('a different prompt'), key);
    expect(reused.status).toBe(422);
    expect(ApiErrorSchema.parse(await reused.json()).error.code).toBe('idempotency_key_reused');
    expect(wave.submits() - submitsBefore).toBe(1);
  }, 60_000);

  it('answers 400 for U+0000 or a lone surrogate in a prompt, and never stores them from an upstream', async () => {
    for (const prompt of ['nul \u0000 here', 'lone \uD800 surrogate', 'lone \uDC00 low']) {
      for (const answer of [
        await run(generate(prompt)),
        await post('/api/ai/estimate', generate(prompt)),
        await post('/api/ai/enhance', { prompt })
      ]) {
        expect(answer.status).toBe(400);
        expect(ApiErrorSchema.parse(await answer.json()).error.code).toBe('invalid_text');
      }
    }
    expect(wave.requests).toHaveLength(0);
    expect(gemini.requests).toHaveLength(0);

    const failed = await run(generate('nulerror a lighthouse'));
    expect(failed.status).toBe(422);
    const job = JobResponseSchema.parse(await failed.json());
    expect(job.error?.message).not.toContain('\u0000');
    expect(job.chargedMicros).toBe(0);
    expect((await budget()).reservedMicros).toBe(0);
  }, 60_000);
});
