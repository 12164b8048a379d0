import type { CsvParseResult } from '$core/batch/csv';
import type { CsvWorkerApi } from '$workers/batch/csv.worker';
import { WorkerBridge } from './worker-bridge';

const bridge = new WorkerBridge<CsvWorkerApi>({
  create: () =>
    new Worker(new URL('../../../workers/batch/csv.worker.ts', import.meta.url), {
      type: 'module',
      name: 'csv'
    })
});

export const csvWorker = {
  parse: (bytes: Uint8Array, signal?: AbortSignal): Promise<CsvParseResult> =>
    bridge.call((remote) => remote.parse(bytes), signal)
};
