import { describe, expect, it } from 'vitest';
import { workQueue } from './work-queue';

/** A run that finishes when the test says so, recording which worker took which item. */
function controlledRuns() {
  const runs: { worker: string; item: number; finish: (value?: string) => void; fail: (e: Error) => void }[] =
    [];
  const run = (worker: string, item: number) =>
    new Promise<string>((resolve, reject) =>
      runs.push({
        worker,
        item,
        finish: (value) => resolve(value ?? `${worker}:${item}`),
        fail: reject
      })
    );
  return { runs, run };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('workQueue', () => {
  it('runs one item at a time per worker, the next on whichever worker frees first', async () => {
    const { runs, run } = controlledRuns();
    const queue = workQueue(run);
    queue.join('a');
    queue.join('b');
    const results = [1, 2, 3, 4].map((item) => queue.add(item));
    expect(runs.map(({ worker, item }) => `${worker}:${item}`)).toEqual(['a:1', 'b:2']);
    runs[1]!.finish();
    await tick();
    expect(runs.map(({ worker, item }) => `${worker}:${item}`)).toEqual(['a:1', 'b:2', 'b:3']);
    runs[0]!.finish();
    await tick();
    expect(runs[3]).toMatchObject({ worker: 'a', item: 4 });
    runs[2]!.finish();
    runs[3]!.finish();
    expect(await Promise.all(results)).toEqual(['a:1', 'b:2', 'b:3', 'a:4']);
  });

  it('lets a worker that joins late take what is still waiting', async () => {
    const { runs, run } = controlledRuns();
    const queue = workQueue(run);
    queue.join('encoder');
    const results = [1, 2, 3].map((item) => queue.add(item));
    queue.join('scaler');
    expect(runs.map(({ worker, item }) => `${worker}:${item}`)).toEqual(['encoder:1', 'scaler:2']);
    runs.forEach((entry) => entry.finish());
    await tick();
    runs[2]!.finish();
    expect(await Promise.all(results)).toEqual(['encoder:1', 'scaler:2', 'encoder:3']);
  });

  it('a failed item rejects alone and its worker takes the next', async () => {
    const { runs, run } = controlledRuns();
    const queue = workQueue(run);
    queue.join('a');
    const [first, second] = [1, 2].map((item) => queue.add(item));
    runs[0]!.fail(new Error('corrupt'));
    await expect(first).rejects.toThrow('corrupt');
    expect(runs[1]).toMatchObject({ worker: 'a', item: 2 });
    runs[1]!.finish();
    await expect(second).resolves.toBe('a:2');
  });

  it('cancel rejects what has not started and lets running items finish', async () => {
    const { runs, run } = controlledRuns();
    const queue = workQueue(run);
    queue.join('a');
    const [running, waiting] = [1, 2].map((item) => queue.add(item));
    queue.cancel(new Error('render failed'));
    await expect(waiting).rejects.toThrow('render failed');
    runs[0]!.finish();
    await expect(running).resolves.toBe('a:1');
    expect(runs).toHaveLength(1);
  });
});
