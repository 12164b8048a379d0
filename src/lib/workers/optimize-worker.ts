import type {
  Analysis,
  OptimizeOptionsInput,
  OptimizedOutput,
  OutputRequestInput
} from '$core/optimize/schema';
import type { HandOff, OptimizeWorkerApi } from '$workers/optimize/optimize.worker';
import type { PlannedOutput } from '$workers/optimize/pipeline';
import { proxy, transfer, type Remote } from 'comlink';
import { splitByArea } from '$core/optimize/shares';
import { browserDecodes } from '$workers/optimize/browser-codec';
import { checkSource } from '$workers/optimize/source';
import { workQueue } from './work-queue';
import { WorkerBridge } from './worker-bridge';

const createWorker = () =>
  new Worker(new URL('../../../workers/optimize/optimize.worker.ts', import.meta.url), {
    type: 'module',
    name: 'optimize'
  });

type Slot = { bridge: WorkerBridge<OptimizeWorkerApi>; pending: number };

/**
 * A pool of optimize workers: each source goes to the least busy one, so a batch uses every core. One
 * worker per call at a time (the bridge queues); models load once per worker and stay a minute. At least
 * two: on a 2-core machine one worker left a core idle (bench/optimize: 377 ms against 273 ms with two, for
 * 12 presets from 12 MP), and the page's thread does little during an export. At most four, for memory.
 */
export function createOptimizePool(
  size = Math.min(4, Math.max(2, (navigator.hardwareConcurrency ?? 2) - 1))
) {
  const slots: Slot[] = Array.from({ length: size }, () => ({
    bridge: new WorkerBridge<OptimizeWorkerApi>({ create: createWorker, idleMs: 60_000 }),
    pending: 0
  }));
  const leastBusy = (among: Slot[]) =>
    among.reduce((best, next) => (next.pending < best.pending ? next : best));
  const callOn = async <T>(
    slot: Slot,
    call: (remote: Remote<OptimizeWorkerApi>) => Promise<T>,
    signal?: AbortSignal
  ) => {
    slot.pending += 1;
    try {
      return await slot.bridge.call(call, signal);
    } finally {
      slot.pending -= 1;
    }
  };
  const run = <T>(
    call: (remote: Remote<OptimizeWorkerApi>) => Promise<T>,
    signal?: AbortSignal
  ): Promise<T> => callOn(leastBusy(slots), call, signal);
  const optimize = (
    bytes: Uint8Array,
    requests: OutputRequestInput[],
    options?: OptimizeOptionsInput,
    signal?: AbortSignal
  ): Promise<OptimizedOutput[]> => run((remote) => remote.optimize(bytes, requests, options), signal);

  /**
   * A source the browser decodes: one worker decodes, detects and scales, and hands each scaled output
   * (a bitmap, transferred without a copy) to the others, which encode. Decoded once, and no worker waits
   * for a copy of the source: giving a second worker its own copy of a 12 MP bitmap cost 30 ms while
   * both workers waited, more than the scaling worker's extra share costs.
   */
  async function scaleHereEncodeThere(
    bytes: Uint8Array,
    requests: OutputRequestInput[],
    options: OptimizeOptionsInput | undefined,
    signal: AbortSignal | undefined
  ): Promise<OptimizedOutput[]> {
    const scaler = leastBusy(slots);
    const encoding = workQueue(
      (slot: Slot, { bitmap, planned }: { bitmap: ImageBitmap; planned: PlannedOutput }) =>
        callOn(slot, (remote) => remote.encode(transfer(bitmap, [bitmap]), planned), signal)
    );
    slots.filter((slot) => slot !== scaler).forEach(encoding.join);
    const outputs: Promise<OptimizedOutput>[] = [];
    const handOff: HandOff = (index, bitmap, planned) => {
      outputs[index] = encoding.add({ bitmap, planned });
    };
    try {
      await callOn(scaler, (remote) => remote.render(bytes, requests, options ?? {}, proxy(handOff)), signal);
    } catch (error) {
      encoding.cancel(error);
      await Promise.allSettled(outputs);
      throw error;
    }
    // Done scaling, the scaler encodes what is still waiting.
    encoding.join(scaler);
    return Promise.all(outputs);
  }

  /** Formats only magick-wasm reads: each worker decodes the source and renders a share of the outputs. */
  async function decodeInEach(
    bytes: Uint8Array,
    requests: OutputRequestInput[],
    shares: number,
    options: OptimizeOptionsInput | undefined,
    signal: AbortSignal | undefined
  ): Promise<OptimizedOutput[]> {
    const split = splitByArea(
      requests.map((request) => request.preset),
      shares
    );
    const parts = await Promise.all(
      split.map((indices) =>
        optimize(
          bytes,
          indices.map((index) => requests[index]!),
          options,
          signal
        )
      )
    );
    const outputs: OptimizedOutput[] = [];
    split.forEach((indices, share) =>
      indices.forEach((index, position) => (outputs[index] = parts[share]![position]!))
    );
    return outputs;
  }

  return {
    size,
    analyze: (bytes: Uint8Array, signal?: AbortSignal): Promise<Analysis> =>
      run((remote) => remote.analyze(bytes), signal),
    optimize,
    /** One source over every worker. Results come in request order. */
    optimizeAcross(
      bytes: Uint8Array,
      requests: OutputRequestInput[],
      options?: OptimizeOptionsInput,
      signal?: AbortSignal
    ): Promise<OptimizedOutput[]> {
      const shares = Math.min(size, requests.length);
      if (shares < 2) return optimize(bytes, requests, options, signal);
      return browserDecodes(checkSource(bytes))
        ? scaleHereEncodeThere(bytes, requests, options, signal)
        : decodeInEach(bytes, requests, shares, options, signal);
    },
    terminate: () => slots.forEach(({ bridge }) => bridge.terminate())
  };
}

export type OptimizePool = ReturnType<typeof createOptimizePool>;

/** The app's shared pool, started lazily (workers themselves start on first use). */
let shared: OptimizePool | undefined;
export const optimizeWorkers = (): OptimizePool => (shared ??= createOptimizePool());
