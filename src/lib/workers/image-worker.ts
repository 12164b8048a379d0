import type { ProbeResult, ResizeOptionsInput, ResizeResult } from '$core/image/operations';
import type { ImageSummary } from '$core/library/summary';
import type { ImageWorkerApi } from '$workers/image/image.worker';
import { WorkerBridge } from './worker-bridge';

const bridge = new WorkerBridge<ImageWorkerApi>({
  create: () =>
    new Worker(new URL('../../../workers/image/image.worker.ts', import.meta.url), {
      type: 'module',
      name: 'image'
    })
});

export const imageWorker = {
  probe: (bytes: Uint8Array, signal?: AbortSignal): Promise<ProbeResult> =>
    bridge.call((remote) => remote.probe(bytes), signal),
  resize: (bytes: Uint8Array, options: ResizeOptionsInput, signal?: AbortSignal): Promise<ResizeResult> =>
    bridge.call((remote) => remote.resize(bytes, options), signal),
  summarise: (bytes: Uint8Array, signal?: AbortSignal): Promise<ImageSummary> =>
    bridge.call((remote) => remote.summarise(bytes), signal)
};
