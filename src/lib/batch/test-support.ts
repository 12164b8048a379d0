import Dexie from 'dexie';
import { StudioDatabase } from '$lib/db/database';
import { BatchQueue } from './queue';
import type { JobLocks } from './runner';

/** Web Locks as the browser grants them with ifAvailable: one holder per name, shared by every "tab" here. */
export class MemoryLocks implements JobLocks {
  readonly held = new Set<string>();
  async request<T>(name: string, _options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>) {
    if (this.held.has(name)) return callback(null);
    this.held.add(name);
    try {
      return await callback({ name });
    } finally {
      this.held.delete(name);
    }
  }
}

const names: string[] = [];

/** A queue over a fresh database (fake-indexeddb in unit tests); `deleteQueues` removes them after each test. */
export function openQueue(): BatchQueue {
  const name = `batch-${crypto.randomUUID()}`;
  names.push(name);
  const db = new StudioDatabase(name);
  return new BatchQueue(() => db);
}

export async function deleteQueues(): Promise<void> {
  for (const name of names.splice(0)) await Dexie.delete(name);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(10);
  }
}

export const allFinished = (queue: BatchQueue, batchId: string) => async () =>
  (await queue.jobs(batchId)).every((job) => ['succeeded', 'failed', 'cancelled'].includes(job.status));
