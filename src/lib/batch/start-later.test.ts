import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hasBatchWork, markBatchWork, QUEUE_CHANNEL } from './pending';
import { startBatchRunnerLater } from './start-later';

const started = vi.fn();
const stopped = vi.fn();
vi.mock('./app-runner', () => ({
  startAppBatchRunner: () => {
    started();
    return stopped;
  }
}));

/** A localStorage of our own: Node has none, and the flag is the point of these tests. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value)
  };
}

describe('startBatchRunnerLater', () => {
  beforeEach(() => {
    vi.stubGlobal('localStorage', memoryStorage());
    started.mockClear();
    stopped.mockClear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('never loads the runner on a visit with no batch work and no batch queued', async () => {
    const stop = startBatchRunnerLater(10);
    await new Promise((done) => setTimeout(done, 60));
    expect(started).not.toHaveBeenCalled();
    stop();
  });

  it('starts the runner after the delay when work is waiting from before', async () => {
    markBatchWork();
    const stop = startBatchRunnerLater(10);
    await vi.waitFor(() => expect(started).toHaveBeenCalledTimes(1));
    stop();
    expect(stopped).toHaveBeenCalledTimes(1);
  });

  it('starts the runner once as soon as a page queues work', async () => {
    const stop = startBatchRunnerLater(60_000);
    const queue = new BroadcastChannel(QUEUE_CHANNEL);
    queue.postMessage('work');
    queue.postMessage('work');
    await vi.waitFor(() => expect(started).toHaveBeenCalledTimes(1));
    queue.close();
    stop();
  });

  it('assumes work is waiting when storage cannot say', () => {
    vi.stubGlobal('localStorage', undefined);
    expect(hasBatchWork()).toBe(true);
  });
});
