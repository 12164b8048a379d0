import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBatchCsv } from '$core/batch/csv';
import type { JobRow } from '$lib/db/database';
import { BatchRunner, type StepExecutors } from './runner';
import { allFinished, deleteQueues, MemoryLocks, openQueue, sleep, until } from './test-support';

afterEach(deleteQueues);

const csv = (lines: string[]) =>
  parseBatchCsv(new TextEncoder().encode(['prompt,provider,model,variations,presets', ...lines].join('\n')))
    .rows;

/** Steps that record what they were asked, and by which key, as the proxy and library would see it. */
function recordingSteps(delayMs = 5, failures: Record<number, string[]> = {}) {
  const calls: { step: string; row: number; key: string; input: string[] }[] = [];
  let live = 0;
  let maxLive = 0;
  const liveByProvider = new Map<string, number>();
  let maxPerProvider = 0;
  const step =
    (name: string): StepExecutors['generate'] =>
    async (job: JobRow, input, signal) => {
      calls.push({ step: name, row: job.row, key: job.idempotencyKey, input });
      live++;
      liveByProvider.set(job.provider, (liveByProvider.get(job.provider) ?? 0) + 1);
      maxLive = Math.max(maxLive, live);
      maxPerProvider = Math.max(maxPerProvider, liveByProvider.get(job.provider)!);
      try {
        await sleep(delayMs);
        if (signal.aborted) throw Object.assign(new Error('Cancelled.'), { code: 'cancelled' });
        const failure = name === 'generate' ? failures[job.row]?.shift() : undefined;
        if (failure) throw Object.assign(new Error(`boom ${failure}`), { code: failure });
        return {
          assetIds: [...(input.length ? input : [`r${job.row}`]).map((id) => `${id}>${name}`)],
          costMicros: name === 'generate' ? 30_000 : undefined
        };
      } finally {
        live--;
        liveByProvider.set(job.provider, liveByProvider.get(job.provider)! - 1);
      }
    };
  const steps: StepExecutors = { generate: step('generate'), optimize: step('optimize'), tag: step('tag') };
  return { steps, calls, stats: () => ({ maxLive, maxPerProvider }) };
}

describe('BatchRunner', () => {
  it('says it is idle only once nothing is active or scheduled', async () => {
    const queue = openQueue();
    const scheduled = await queue.createAiBatch('later', csv(['a,stability,core,1,']), Date.now() + 60_000);
    let idle = 0;
    const runner = new BatchRunner(queue, {
      concurrency: 1,
      perProvider: 1,
      locks: new MemoryLocks(),
      steps: recordingSteps().steps,
      onIdle: () => idle++
    });
    await runner.tick();
    expect(idle).toBe(0);
    await queue.cancelBatch(scheduled.id);
    expect((await queue.db.batches.get(scheduled.id))?.status).toBe('cancelled');
    await runner.tick();
    expect(idle).toBe(1);
  });

  it('runs each job through its steps in order, a step feeding the next, within the concurrency limits', async () => {
    const queue = openQueue();
    const rows = csv([
      'a,stability,core,1,instagram-square',
      'b,stability,core,1,',
      'c,wavespeed,qwen-image,1,',
      'd,stability,core,1,',
      'e,wavespeed,qwen-image,1,'
    ]);
    const batch = await queue.createAiBatch('week', rows);
    const { steps, calls, stats } = recordingSteps(20);
    const finished: string[] = [];
    const runner = new BatchRunner(queue, {
      concurrency: 3,
      perProvider: 2,
      tickMs: 10,
      locks: new MemoryLocks(),
      steps,
      onBatchFinished: (done) => finished.push(done.id)
    });
    runner.start();
    await until(allFinished(queue, batch.id));
    await until(async () => finished.length === 1);
    runner.stop();

    const jobs = await queue.jobs(batch.id);
    expect(jobs.map((job) => job.status)).toEqual(Array(5).fill('succeeded'));
    expect(jobs[0]!.resultAssetIds).toEqual([
      'r2>generate',
      'r2>generate>optimize',
      'r2>generate>optimize>tag'
    ]);
    expect(calls.filter((call) => call.row === 2).map((call) => call.step)).toEqual([
      'generate',
      'optimize',
      'tag'
    ]);
    expect(jobs[1]!.costActualMicros).toBe(30_000);
    expect(stats().maxLive).toBeLessThanOrEqual(3);
    expect(stats().maxPerProvider).toBeLessThanOrEqual(2);
    expect(stats().maxLive).toBeGreaterThan(1);
    expect((await queue.db.batches.get(batch.id))?.status).toBe('done');
    expect(finished).toEqual([batch.id]);
  });

  it('retries a retryable error with backoff and a new key; a refusal fails the job and the rest carry on', async () => {
    const queue = openQueue();
    const batch = await queue.createAiBatch('b', csv(['a,stability,core,1,', 'b,stability,core,1,']));
    const { steps, calls } = recordingSteps(1, { 2: ['upstream_failed'], 3: ['preflight_failed'] });
    let clock = Date.now();
    const runner = new BatchRunner(queue, {
      concurrency: 2,
      perProvider: 2,
      tickMs: 10,
      locks: new MemoryLocks(),
      steps,
      now: () => clock
    });
    runner.start();
    await until(async () => (await queue.jobs(batch.id))[0]!.lastError !== undefined);
    const waiting = (await queue.jobs(batch.id))[0]!;
    expect(waiting.status).toBe('queued');
    expect(waiting.notBefore).toBe(clock + 2_000);
    await sleep(50);
    expect(calls.filter((call) => call.row === 2 && call.step === 'generate')).toHaveLength(1);
    clock += 2_001;
    await until(allFinished(queue, batch.id));
    runner.stop();
    const [retried, refused] = await queue.jobs(batch.id);
    expect(retried).toMatchObject({ status: 'succeeded', attempts: 2 });
    const keys = calls.filter((call) => call.row === 2 && call.step === 'generate').map((call) => call.key);
    expect(new Set(keys).size).toBe(2);
    expect(refused).toMatchObject({ status: 'failed', attempts: 1, lastError: { code: 'preflight_failed' } });
  });

  it('two tabs on one queue never run the same job', async () => {
    const queue = openQueue();
    const batch = await queue.createAiBatch(
      'b',
      csv(Array.from({ length: 12 }, (_, i) => `p${i},stability,core,1,`))
    );
    const locks = new MemoryLocks();
    const { steps, calls } = recordingSteps(15);
    const tabs = [0, 1].map(
      () => new BatchRunner(queue, { concurrency: 4, perProvider: 4, tickMs: 5, locks, steps })
    );
    tabs.forEach((tab) => tab.start());
    await until(allFinished(queue, batch.id));
    tabs.forEach((tab) => tab.stop());
    const generated = calls.filter((call) => call.step === 'generate').map((call) => call.row);
    expect(generated.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
  });

  it('after a reload, a job left running resumes with the same idempotency key from the step it was on', async () => {
    const queue = openQueue();
    const batch = await queue.createAiBatch('b', csv(['a,stability,core,2,instagram-square']));
    const first = recordingSteps(200);
    const tab = new BatchRunner(queue, {
      concurrency: 1,
      perProvider: 1,
      tickMs: 10,
      locks: new MemoryLocks(),
      steps: first.steps
    });
    tab.start();
    await until(async () => first.calls.length === 1);
    tab.stop();
    const [left] = await queue.jobs(batch.id);
    expect(left).toMatchObject({ status: 'running', stepsDone: 0 });

    const second = recordingSteps(1);
    const reloaded = new BatchRunner(queue, {
      concurrency: 1,
      perProvider: 1,
      tickMs: 10,
      locks: new MemoryLocks(),
      steps: second.steps
    });
    reloaded.start();
    await until(allFinished(queue, batch.id));
    reloaded.stop();
    expect(second.calls.map((call) => call.step)).toEqual(['generate', 'optimize', 'tag']);
    expect(second.calls[0]!.key).toBe(first.calls[0]!.key);
    expect((await queue.jobs(batch.id))[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('pauses, resumes and cancels a batch; a cancelled job never runs again', async () => {
    const queue = openQueue();
    const batch = await queue.createAiBatch(
      'b',
      csv(['a,stability,core,1,', 'b,stability,core,1,', 'c,stability,core,1,'])
    );
    await queue.pauseBatch(batch.id);
    const { steps, calls } = recordingSteps(1);
    const runner = new BatchRunner(queue, {
      concurrency: 2,
      perProvider: 2,
      tickMs: 10,
      locks: new MemoryLocks(),
      steps
    });
    runner.start();
    await sleep(60);
    expect(calls).toEqual([]);
    expect((await queue.jobs(batch.id)).map((job) => job.status)).toEqual(['paused', 'paused', 'paused']);
    const [, second] = await queue.jobs(batch.id);
    expect(await queue.cancelJob(second!.id)).toBe(true);
    await queue.resumeBatch(batch.id);
    await until(allFinished(queue, batch.id));
    runner.stop();
    expect((await queue.jobs(batch.id)).map((job) => job.status)).toEqual([
      'succeeded',
      'cancelled',
      'succeeded'
    ]);
    expect(calls.some((call) => call.row === 3)).toBe(false);
    expect(await queue.resumeJob(second!.id)).toBe(false);
  });

  it('starts a scheduled batch when its time comes, and marks one missed while closed as late', async () => {
    const queue = openQueue();
    const now = Date.now();
    const soon = await queue.createAiBatch('soon', csv(['a,stability,core,1,']), now + 60_000);
    const missed = await queue.createAiBatch('missed', csv(['b,stability,core,1,']), now + 1_000);
    expect(soon.status).toBe('scheduled');
    expect(await queue.startDue(now + 500)).toEqual([]);
    const started = await queue.startDue(now + 60_000);
    expect(started.map((batch) => [batch.name, batch.late]).sort()).toEqual([
      ['missed', true],
      ['soon', false]
    ]);
    expect((await queue.db.batches.get(missed.id))?.status).toBe('active');
  });

  it('an idle runner looks rarely, yet starts a new batch at once: the queue wakes it', async () => {
    const queue = openQueue();
    const { steps, calls } = recordingSteps(1);
    const runner = new BatchRunner(queue, {
      concurrency: 2,
      perProvider: 2,
      tickMs: 10,
      idleTickMs: 60_000,
      locks: new MemoryLocks(),
      steps
    });
    runner.start();
    await sleep(50);
    const queued = Date.now();
    const batch = await queue.createAiBatch('b', csv(['a,stability,core,1,']));
    await until(allFinished(queue, batch.id), 2_000);
    runner.stop();
    expect(calls.map((call) => call.step)).toEqual(['generate', 'tag']);
    expect(Date.now() - queued).toBeLessThan(2_000);
  });

  it('an idle runner wakes for a scheduled batch at its start time, not a whole idle period later', async () => {
    const queue = openQueue();
    const startAt = Date.now() + 400;
    const batch = await queue.createAiBatch('b', csv(['a,stability,core,1,']), startAt);
    const { steps } = recordingSteps(1);
    const runner = new BatchRunner(queue, {
      concurrency: 1,
      perProvider: 1,
      tickMs: 10,
      idleTickMs: 60_000,
      locks: new MemoryLocks(),
      steps
    });
    runner.start();
    await until(allFinished(queue, batch.id), 3_000);
    runner.stop();
    const started = (await queue.db.batches.get(batch.id))?.startedAt ?? 0;
    expect(started).toBeGreaterThanOrEqual(startAt);
    expect(started - startAt).toBeLessThan(500);
  });
});
