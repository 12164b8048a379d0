/**
 * Whether this device has batch work the runner must look at, known without opening IndexedDB: the first page
 * of a visit checks it to decide whether to load the runner (and Dexie) at all. Set whenever work is queued,
 * cleared by the runner when nothing is left to run or wait for.
 */

/** Queues announce new work here; a tab's runner (or the code that starts one) listens. */
export const QUEUE_CHANNEL = 'image-studio:batch-queue';

const KEY = 'image-studio:batch-work';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage blocked (some private modes): start the runner every time, as before this flag.
    return undefined;
  }
}

export function markBatchWork(): void {
  storage()?.setItem(KEY, '1');
}

export function clearBatchWork(): void {
  storage()?.removeItem(KEY);
}

/** True when work may be waiting, including when storage cannot say. */
export function hasBatchWork(): boolean {
  const store = storage();
  return store ? store.getItem(KEY) === '1' : true;
}
