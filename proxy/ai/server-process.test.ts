import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetResponseSchema, JobResponseSchema, type JobResponse } from '../../src/lib/core/api/ai';
import { hashToken } from '../auth/users';
import {
  startHostileWaveSpeed,
  startInternalService,
  type HostileWaveSpeed,
  type InternalService
} from '../testing/fakes/hostile';
import { startServerProcess, type ServerProcess } from '../testing/server-process';

const KEY = 'ws-process-key-0123456789';
const TOKEN = 'isk_process-test-token';
const MB = 1024 * 1024;
const UNIT = 30_000;

/**
 * The real server as a child process on its default engine (PGlite), so its memory can be measured and it can be
 * killed: hostile results, kill -9 and SIGTERM during a job.
 */
describe('the real server process (PGlite) against hostile upstreams', () => {
  let internal: InternalService;
  let wave: HostileWaveSpeed;
  const dirs: string[] = [];
  beforeAll(async () => {
    internal = await startInternalService();
    wave = await startHostileWaveSpeed(KEY, internal.url);
  });
  afterAll(async () => {
    await Promise.all([wave.close(), internal.close()]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const environment = (dataDir: string, extra: Record<string, string> = {}) => ({
    DATA_DIR: dataDir,
    AI_USERS: `alice:${hashToken(TOKEN)}:5`,
    WAVESPEED_API_KEY: KEY,
    WAVESPEED_BASE_URL: wave.url,
    AI_RESULT_ORIGINS: wave.url,
    AI_WAIT_MS: '0',
    ...extra
  });
  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-studio-process-'));
    dirs.push(dir);
    return dir;
  };
  const auth = { authorization: `Bearer ${TOKEN}` };
  let keys = 0;
  const run = async (server: ServerProcess, prompt: string) => {
    const answer = await fetch(`${server.url}/api/ai/run`, {
      method: 'POST',
      headers: {
        ...auth,
        'content-type': 'application/json',
        'idempotency-key': `proc-${Date.now()}-${keys++}`
      },
      body: JSON.stringify({
        operation: 'generate',
        provider: 'wavespeed',
        model: 'qwen-image',
        prompt,
        width: 1024,
        height: 1024
      })
    });
    return JobResponseSchema.parse(await answer.json());
  };
  const view = async (server: ServerProcess, id: string) =>
    JobResponseSchema.parse(await (await fetch(`${server.url}/api/ai/jobs/${id}`, { headers: auth })).json());
  const settled = async (server: ServerProcess, id: string, withinMs: number): Promise<JobResponse> => {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const job = await view(server, id);
      if (job.status !== 'running' || Date.now() > deadline) return job;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const budget = async (server: ServerProcess) =>
    BudgetResponseSchema.parse(await (await fetch(`${server.url}/api/ai/budget`, { headers: auth })).json());
  const stop = async (server: ServerProcess) => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await server.exited;
  };

  it('streams a 30 MB result to the store, refuses 100 MB and a 300 MB gzip bomb, and stays responsive under 1 GB', async () => {
    const server = await startServerProcess(environment(newDataDir()));
    try {
      let slowestHealthMs = 0;
      const idleRss = server.rss();
      let peakRss = idleRss;
      let watching = true;
      const watch = (async () => {
        while (watching) {
          const started = performance.now();
          const health = await fetch(`${server.url}/api/health`);
          expect(health.status).toBe(200);
          slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
          peakRss = Math.max(peakRss, server.rss());
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();

      const stored = await settled(server, (await run(server, 'huge:30 a lighthouse')).id, 90_000);
      expect(stored.status).toBe('done');
      const file = await fetch(`${server.url}${stored.outputs[0]?.url}`, { headers: auth });
      expect(file.headers.get('content-type')).toBe('image/png');
      let received = 0;
      for await (const chunk of file.body as ReadableStream<Uint8Array>) received += chunk.byteLength;
      expect(received).toBe(30 * MB);

      for (const prompt of ['huge:100 a lighthouse', 'bomb a lighthouse']) {
        const refused = await settled(server, (await run(server, prompt)).id, 90_000);
        expect(refused.status).toBe('failed');
        expect(refused.error?.code).toBe('result_too_large');
        expect(refused.error?.message).toMatch(/larger than 64 MB/);
      }
      watching = false;
      await watch;
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect(slowestHealthMs).toBeLessThan(2_000);
      expect(peakRss).toBeLessThan(1024 * MB);
      console.warn(
        `[server-process] slowest /api/health ${Math.round(slowestHealthMs)} ms, RSS idle ${Math.round(idleRss / MB)} MB, peak ${Math.round(peakRss / MB)} MB`
      );
    } finally {
      await stop(server);
    }
  }, 420_000);

  it('after kill -9 mid-job, a restarted server settles the reservation within 60 s and runs a new job', async () => {
    const dataDir = newDataDir();
    const first = await startServerProcess(environment(dataDir));
    const submitsBefore = wave.submits();
    const polls = () => wave.requests.filter((request) => request.path.includes('/predictions/')).length;
    const pollsBefore = polls();
    const job = await run(first, 'slow:6 a lighthouse');
    expect(job.status).toBe('running');
    // Wait until the upstream job is being polled (its id is recorded), then kill the server outright.
    while (polls() === pollsBefore) await new Promise((resolve) => setTimeout(resolve, 100));
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startServerProcess(environment(dataDir));
    try {
      const restarted = Date.now();
      const closed = await settled(second, job.id, 60_000);
      const tookMs = Date.now() - restarted;
      expect(closed.error).toBeNull();
      expect(closed.status).toBe('done');
      expect(tookMs).toBeLessThan(60_000);
      console.warn(`[server-process] reservation settled ${Math.round(tookMs / 1000)} s after the restart`);
      expect(closed.chargedMicros).toBe(UNIT);
      expect((await budget(second)).reservedMicros).toBe(0);

      const next = await settled(second, (await run(second, 'a harbour')).id, 30_000);
      expect(next.status).toBe('done');
      expect(wave.submits() - submitsBefore).toBe(2);
    } finally {
      await stop(second);
    }
  }, 420_000);

  it('on SIGTERM mid-job it stops accepting, hands the job over, exits, and the next start finishes it', async () => {
    const dataDir = newDataDir();
    const first = await startServerProcess(environment(dataDir, { AI_SHUTDOWN_GRACE_MS: '500' }));
    const submitsBefore = wave.submits();
    const polls = () => wave.requests.filter((request) => request.path.includes('/predictions/')).length;
    const pollsBefore = polls();
    const job = await run(first, 'slow:5 a lighthouse');
    while (polls() === pollsBefore) await new Promise((resolve) => setTimeout(resolve, 100));
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output.join('')).toMatch(/1 handed to the next start/);

    const second = await startServerProcess(environment(dataDir));
    try {
      const closed = await settled(second, job.id, 30_000);
      expect(closed.status).toBe('done');
      expect(closed.outputs).toHaveLength(1);
      expect(closed.chargedMicros).toBe(UNIT);
      expect(wave.submits() - submitsBefore).toBe(1);
      const budgetNow = await budget(second);
      expect(budgetNow).toMatchObject({ reservedMicros: 0, spentMicros: UNIT });
    } finally {
      await stop(second);
    }
  }, 420_000);
});
