import { proxy } from 'comlink';
import type { CutoutOptionsInput, DeviceResult, UpscaleOptionsInput } from '$core/ai/schema';
import type { AiWorkerApi } from '$workers/ai/ai.worker';
import type { TileProgress } from '$workers/ai/engine';
import { WorkerBridge } from './worker-bridge';

/** Models stay loaded a minute between runs; a cancel terminates the worker, which stops a tile at once. */
const bridge = new WorkerBridge<AiWorkerApi>({
  create: () =>
    new Worker(new URL('../../../workers/ai/ai.worker.ts', import.meta.url), { type: 'module', name: 'ai' }),
  idleMs: 60_000
});

export const aiWorker = {
  cutout: (
    bytes: Uint8Array,
    options: CutoutOptionsInput,
    photo?: Uint8Array,
    signal?: AbortSignal
  ): Promise<DeviceResult> => bridge.call((remote) => remote.cutout(bytes, options, photo), signal),
  upscale: (
    bytes: Uint8Array,
    options: UpscaleOptionsInput,
    onProgress?: (progress: TileProgress) => void,
    signal?: AbortSignal
  ): Promise<DeviceResult> =>
    bridge.call((remote) => remote.upscale(bytes, options, onProgress && proxy(onProgress)), signal)
};
