import type {
  Analysis,
  OptimizeOptionsInput,
  OptimizedOutput,
  OutputRequestInput
} from '$core/optimize/schema';
import type { OptimizeWorkerApi } from '$workers/optimize/optimize.worker';
import { proxy, transfer } from 'comlink';
import { forEveryRequest, sameFiles } from '$core/optimize/same-file';
import { largestFirst } from '$core/optimize/shares';
import { decodeShared } from '$workers/optimize/decode';
import { WorkerBridge } from './worker-bridge';

const createWorker = () =>
  new Worker(new URL('../../../workers/optimize/optimize.worker.ts', import.meta.url), {
    type: 'module',
    name: 'optimize'
  });

/**
 * A pool of optimize workers: each source goes to the least busy one, so a batch uses every core. One
 * worker per call at a time (the bridge queues); models load once per worker and stay a minute. At least
 * two: on a 2-core machine one worker left a core idle (bench/optimize: 377 ms against 273 ms with two, for
 * 12 presets from 12 MP), and the page's thread does little during an export. At most four, for memory.
 */
export function createOptimizePool(
  size = Math.min(4, Math.max(2, (navigator.hardwareConcurrency ?? 2) - 1))
) {
  const bridges = Array.from({ length: size }, () => ({
    bridge: new WorkerBridge<OptimizeWorkerApi>({ create: createWorker, idleMs: 60_000 }),
    pending: 0
  }));
  const run = async <T>(call: (bridge: WorkerBridge<OptimizeWorkerApi>) => Promise<T>): Promise<T> => {
    const slot = bridges.reduce((best, next) => (next.pending < best.pending ? next : best));
    slot.pending += 1;
    try {
      return await call(slot.bridge);
    } finally {
      slot.pending -= 1;
    }
  };
  const optimize = (
    bytes: Uint8Array,
    requests: OutputRequestInput[],
    options?: OptimizeOptionsInput,
    signal?: AbortSignal,
    frame?: VideoFrame
  ): Promise<OptimizedOutput[]> =>
    run((bridge) =>
      bridge.call(
        (remote) => remote.optimize(bytes, requests, options, frame && transfer(frame, [frame])),
        signal
      )
    );
  /** `requests` over every worker, each taking from a common queue (see `optimizeAcross`). */
  const renderAcross = async (
    bytes: Uint8Array,
    requests: OutputRequestInput[],
    options: OptimizeOptionsInput,
    signal?: AbortSignal
  ): Promise<OptimizedOutput[]> => {
    const shares = Math.min(size, requests.length);
    if (shares < 2) return optimize(bytes, requests, options, signal);
    const queue = largestFirst(requests.map((request) => request.preset));
    const take = proxy(() => queue.shift());
    // Decoded here, not in a worker: the browser decodes a Blob off this thread anyway, and the pixels
    // then reach each worker in one hop instead of travelling from a worker back through this page.
    const frames = await decodeShared(bytes, shares);
    if (signal?.aborted) {
      // Frames hold the decoded pixels until closed, not until collected.
      frames?.forEach((frame) => frame.close());
      signal.throwIfAborted();
    }
    const parts = await Promise.all(
      Array.from({ length: shares }, (_, share) => {
        const frame = frames?.[share];
        return run((bridge) =>
          bridge.call(
            (remote) =>
              remote.optimizeTaken(bytes, requests, options, frame && transfer(frame, [frame]), take),
            signal
          )
        );
      })
    );
    return requests.map((request, index) => {
      const output = parts.find((part) => part[index])?.[index];
      if (!output) throw new Error(`No worker rendered ${request.preset.id}.`);
      return output;
    });
  };
  return {
    size,
    analyze: (bytes: Uint8Array, signal?: AbortSignal): Promise<Analysis> =>
      run((bridge) => bridge.call((remote) => remote.analyze(bytes), signal)),
    optimize: (
      bytes: Uint8Array,
      requests: OutputRequestInput[],
      options?: OptimizeOptionsInput,
      signal?: AbortSignal
    ) => optimize(bytes, requests, options, signal),
    /**
     * One source over every worker: decoded once, and each worker renders and encodes outputs from those
     * same pixels, taking the next from a common queue (largest first) whenever it is ready for one. Requests
     * that make the same file (`sameFiles`) are made once, each output keeping its own preset and bytes.
     * Results come in request order.
     */
    async optimizeAcross(
      bytes: Uint8Array,
      requests: OutputRequestInput[],
      options: OptimizeOptionsInput = {},
      signal?: AbortSignal
    ): Promise<OptimizedOutput[]> {
      const first = sameFiles(requests);
      const made = await renderAcross(
        bytes,
        requests.filter((_, index) => first[index] === index),
        options,
        signal
      );
      return forEveryRequest(requests, first, made);
    },
    terminate: () => bridges.forEach(({ bridge }) => bridge.terminate())
  };
}

export type OptimizePool = ReturnType<typeof createOptimizePool>;

/** The app's shared pool, started lazily (workers themselves start on first use). */
let shared: OptimizePool | undefined;
export const optimizeWorkers = (): OptimizePool => (shared ??= createOptimizePool());
