/**
 * Starts the tab's batch runner a moment after the first page, loading its code only then: the runner brings
 * the library, the AI client and the operation schemas, which the page the user opened may not need. Returns
 * its stop.
 */
export function startBatchRunnerLater(delayMs = 1_000): () => void {
  let stop: (() => void) | undefined;
  let closed = false;
  const timer = setTimeout(async () => {
    const { startAppBatchRunner } = await import('./app-runner');
    if (!closed) stop = startAppBatchRunner();
  }, delayMs);
  return () => {
    closed = true;
    clearTimeout(timer);
    stop?.();
  };
}
