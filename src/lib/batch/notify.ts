import type { BatchRow, JobRow } from '$lib/db/database';

/**
 * Asked when the user starts or schedules a batch (a moment they understand), never on page load. Not awaited:
 * the batch is queued whether or not the user ever answers the prompt.
 */
export async function askNotificationPermission(): Promise<void> {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default')
    void Notification.requestPermission().catch(() => undefined);
}

/** One notice per batch (the queue lets only one tab claim it). */
export function notifyFinished(batch: BatchRow, jobs: JobRow[]): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const done = jobs.filter((job) => job.status === 'succeeded').length;
  const failed = jobs.filter((job) => job.status === 'failed').length;
  const title = failed
    ? `Batch “${batch.name}” finished with ${failed} failed`
    : `Batch “${batch.name}” is done`;
  new Notification(title, {
    body: `${done} of ${jobs.length} jobs succeeded${failed ? `, ${failed} failed` : ''}. Results are in the Asset Library.`,
    tag: `batch-${batch.id}`
  });
}
