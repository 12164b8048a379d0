import type {
  Analysis,
  OptimizeOptionsInput,
  OptimizedOutput,
  OutputRequestInput
} from '$core/optimize/schema';
import type { OptimizeWorkerApi } from '$workers/optimize/optimize.worker';
import { transfer } from 'comlink';
import { WorkerBridge } from './worker-bridge';

const createWorker = () =>
  new Worker(new URL('../../../workers/optimize/optimize.worker.ts', import.meta.url), {
    type: 'module',
    name: 'optimize'
  });

/**
 * A pool of optimize workers: each source goes to the least busy one, so a batch uses every core. One
 * worker per call at a time (the bridge queues); models load once per worker and stay a minute.
 */
export function createOptimizePool(
  size = Math.min(4, Math.max(1, (navigator.hardwareConcurrency ?? 2) - 1))
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
    bitmap?: ImageBitmap
  ): Promise<OptimizedOutput[]> =>
    run((bridge) =>
      bridge.call(
        (remote) => remote.optimize(bytes, requests, options, bitmap && transfer(bitmap, [bitmap])),
        signal
      )
    );
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
     * One source over every worker: one worker decodes it once, and each renders and encodes a share of
     * the requests from those same pixels. Results come in request order.
     */
    async optimizeAcross(
      bytes: Uint8Array,
      requests: OutputRequestInput[],
      options?: OptimizeOptionsInput,
      signal?: AbortSignal
    ): Promise<OptimizedOutput[]> {
      const shares = Math.min(size, requests.length);
      if (shares < 2) return optimize(bytes, requests, options, signal);
      const bitmaps = await run((bridge) => bridge.call((remote) => remote.decode(bytes, shares), signal));
      const parts = await Promise.all(
        Array.from({ length: shares }, (_, share) =>
          optimize(
            bytes,
            requests.filter((_, index) => index % shares === share),
            options,
            signal,
            bitmaps?.[share]
          )
        )
      );
      return requests.map((_, index) => parts[index % shares]![Math.floor(index / shares)]!);
    },
    terminate: () => bridges.forEach(({ bridge }) => bridge.terminate())
  };
}

export type OptimizePool = ReturnType<typeof createOptimizePool>;

/** The app's shared pool, started lazily (workers themselves start on first use). */
let shared: OptimizePool | undefined;
export const optimizeWorkers = (): OptimizePool => (shared ??= createOptimizePool());
