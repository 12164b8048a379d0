import type { Detection, DetectionTasks } from '$core/vision/detection';
import type { VisionWorkerApi } from '$workers/vision/vision.worker';
import { WorkerBridge } from './worker-bridge';

const bridge = new WorkerBridge<VisionWorkerApi>({
  create: () =>
    new Worker(new URL('../../../workers/vision/vision.worker.ts', import.meta.url), {
      type: 'module',
      name: 'vision'
    }),
  // Models take a while to load; keep them for a minute of inactivity, not ten seconds.
  idleMs: 60_000
});

export const visionWorker = {
  detect: (bytes: Uint8Array, tasks?: Partial<DetectionTasks>, signal?: AbortSignal): Promise<Detection> =>
    bridge.call((remote) => remote.detect(bytes, tasks), signal)
};
