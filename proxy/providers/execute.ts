import { ProviderError } from './provider-error';
import { sleep } from './http';
import type { JobHandle, ProviderAdapter, ProviderResult, RunRequest } from './types';

/**
 * One upstream call taken to its result: a synchronous answer is returned as is, a job is polled every
 * `pollIntervalMs` until done, cancelled, or `jobTimeoutMs` has passed (the reference never polled).
 */
export async function runToResult(
  adapter: ProviderAdapter,
  request: RunRequest,
  signal: AbortSignal,
  jobTimeoutMs: number
): Promise<ProviderResult> {
  const outcome = await adapter.run(request, signal);
  if (outcome.kind === 'result') return outcome.result;
  return pollToResult(adapter, outcome.job, signal, jobTimeoutMs);
}

/** Polls an upstream job every `pollIntervalMs` until done, cancelled, or `jobTimeoutMs` has passed. */
export async function pollToResult(
  adapter: ProviderAdapter,
  job: JobHandle,
  signal: AbortSignal,
  jobTimeoutMs: number
): Promise<ProviderResult> {
  const deadline = Date.now() + jobTimeoutMs;
  for (;;) {
    try {
      await sleep(adapter.pollIntervalMs, signal);
    } catch {
      throw new ProviderError(adapter.id, 'cancelled', 'the operation was cancelled.');
    }
    const polled = await adapter.poll(job, signal);
    if (polled.status === 'done') return polled.result;
    if (Date.now() > deadline) {
      throw new ProviderError(
        adapter.id,
        'timeout',
        `the job ${job.id} was not ready within ${Math.round(jobTimeoutMs / 1000)} s.`
      );
    }
  }
}
