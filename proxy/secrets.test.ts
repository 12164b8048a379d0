import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GenerateOperationSchema } from '../src/lib/core/operations';
import { modelsFor } from '../src/lib/core/operations/models';
import { providerIds, type ProviderId } from '../src/lib/core/providers';
import { appWithAi } from './testing/ai-harness';
import { openPglite, type Sql } from './db/sql';
import { migrate } from './db/migrate';
import type { FakeServer } from './testing/fakes/server';
import { startFakeGemini } from './testing/fakes/gemini';
import { startFakeHuggingFace } from './testing/fakes/huggingface';
import { startFakeQwen } from './testing/fakes/qwen';
import { startFakeStability } from './testing/fakes/stability';
import { startFakeWaveSpeed } from './testing/fakes/wavespeed';

/** Known fake keys: none of them may appear in any response body, header or log line. */
const keys: Record<ProviderId, string> = {
  stability: 'sk-SECRET-stability-4f1d2c',
  wavespeed: 'ws-SECRET-wavespeed-88aa01',
  huggingface: 'hf_SECRET_huggingface_7e7e',
  gemini: 'AIza-SECRET-gemini-0b0b0b',
  qwen: 'sk-SECRET-dashscope-5c5c5c'
};
const starters: Record<ProviderId, (key: string) => Promise<FakeServer>> = {
  stability: startFakeStability,
  wavespeed: startFakeWaveSpeed,
  huggingface: startFakeHuggingFace,
  gemini: startFakeGemini,
  qwen: startFakeQwen
};

describe('provider keys never leave the server', () => {
  let sql: Sql;
  const fakes = new Map<ProviderId, FakeServer>();
  const seen: string[] = [];
  const consoleLines: string[] = [];

  beforeAll(async () => {
    sql = await openPglite();
    await migrate(sql);
    for (const id of providerIds) fakes.set(id, await starters[id](keys[id]));
    for (const method of ['log', 'warn', 'error', 'info', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation(
        (...args: unknown[]) => void consoleLines.push(args.map(String).join(' '))
      );
    }
  }, 60_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    for (const fake of fakes.values()) await fake.close();
    await sql.close();
  });

  const record = async (response: Response) => {
    seen.push(`${response.status} ${JSON.stringify([...response.headers.entries()])}`);
    seen.push(Buffer.from(await response.arrayBuffer()).toString('latin1'));
  };

  it('in every answer and log line, through successes and every kind of failure', async () => {
    const upstreams = Object.fromEntries(
      providerIds.map((id) => [id, { url: fakes.get(id)!.url, key: keys[id] }])
    );
    const server = appWithAi(sql, upstreams, { defaultBudgetUsd: 100 });
    await record(await server.app.request('/api/health'));
    await record(await server.call('/api/ai/providers'));
    await record(await server.call('/api/ai/budget'));
    let n = 0;
    for (const id of providerIds) {
      const model = modelsFor(id, 'generate')[0]!.id;
      const op = GenerateOperationSchema.parse({
        operation: 'generate',
        provider: id,
        model,
        prompt: 'a small boat',
        width: 1024,
        height: 1024
      });
      await record(await server.call('/api/ai/estimate', { method: 'POST', body: JSON.stringify(op) }));
      const ok = await server.run(op, `ok-${id}`);
      expect(ok.status, id).toBe(200);
      await record(ok);
      // Upstream errors that quote the key back: 400, 429 and 5xx bodies.
      const fake = fakes.get(id)!;
      for (const status of [400, 429, 500]) {
        fake.failNext(
          {
            status,
            headers: { 'retry-after': '999' },
            body: { message: `bad key ${keys[id]}`, errors: [`key ${keys[id]}`], error: `key ${keys[id]}` }
          },
          5
        );
        const failed = await server.run(op, `fail-${id}-${n++}`);
        expect(failed.status, `${id} ${status}`).toBeGreaterThanOrEqual(400);
        await record(failed);
        fake.clearFaults();
      }
    }
    // The wrong key configured: the upstream refuses it and (Stability) repeats it.
    const wrong = appWithAi(
      sql,
      Object.fromEntries(
        providerIds.map((id) => [id, { url: fakes.get(id)!.url, key: `${keys[id]}-WRONG` }])
      ),
      { defaultBudgetUsd: 100 }
    );
    for (const id of providerIds) {
      const op = GenerateOperationSchema.parse({
        operation: 'generate',
        provider: id,
        model: modelsFor(id, 'generate')[0]!.id,
        prompt: 'boat'
      });
      await record(await wrong.run(op, `wrong-${id}`));
    }
    const everything = [...seen, ...server.lines, ...wrong.lines, ...consoleLines].join('\n');
    expect(server.lines.length).toBeGreaterThan(10);
    for (const key of Object.values(keys)) {
      const at = everything.indexOf(key);
      expect(at === -1 ? '' : everything.slice(Math.max(0, at - 300), at + 60)).toBe('');
    }
    expect(everything).toContain('[redacted]');
  });
});
