import { savedAiClient } from '$lib/ai/connection';
import { database } from '$lib/db/database';
import { library } from '$lib/library/library';
import { optimizeWorkers } from '$lib/workers/optimize-worker';
import { mailBatchFinished } from './mail-notice';
import { notifyFinished } from './notify';
import { clearBatchWork } from './pending';
import { BatchQueue } from './queue';
import { BatchRunner } from './runner';
import { browserSteps } from './steps';

/**
 * Starts this tab's batch runner. The layout starts it once, so a batch keeps running on every page of the
 * app, not only while the Batch page is open; Web Locks keep two tabs' runners off the same job. Returns its
 * stop.
 */
export function startAppBatchRunner(): () => void {
  const client = () => savedAiClient(database());
  const queue = new BatchQueue();
  const runner = new BatchRunner(queue, {
    concurrency: 4,
    perProvider: 3,
    locks: navigator.locks,
    onIdle: clearBatchWork,
    steps: browserSteps({
      library,
      batchName: async (id) => (await queue.batch(id))?.name,
      client,
      optimizer: optimizeWorkers
    }),
    onBatchFinished: (batch, jobs) => {
      notifyFinished(batch, jobs);
      void mailBatchFinished(database(), client, batch, jobs);
    }
  });
  runner.start();
  return () => runner.stop();
}
