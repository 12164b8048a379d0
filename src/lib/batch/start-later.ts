import { hasBatchWork, QUEUE_CHANNEL } from './pending';

/**
 * Starts the tab's batch runner a moment after the first page when this device has batch work waiting, or as
 * soon as any page queues some; its code (the library, Dexie, the AI client, the operation schemas) loads only
 * then, so a visit with no batches never downloads it. Returns its stop.
 */
export function startBatchRunnerLater(delayMs = 1_000): () => void {
  let stop: (() => void) | undefined;
  let closed = false;
  let starting = false;
  const start = async () => {
    if (starting) return;
    starting = true;
    wake.close();
    clearTimeout(timer);
    const { startAppBatchRunner } = await import('./app-runner');
    if (!closed) stop = startAppBatchRunner();
  };
  // Queued in this tab or another: BroadcastChannel reaches every other channel of that name, this tab's too.
  const wake = new BroadcastChannel(QUEUE_CHANNEL);
  wake.onmessage = () => void start();
  const timer = hasBatchWork() ? setTimeout(() => void start(), delayMs) : undefined;
  return () => {
    closed = true;
    wake.close();
    clearTimeout(timer);
    stop?.();
  };
}
