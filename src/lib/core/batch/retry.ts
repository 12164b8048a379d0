/** Error codes worth another attempt: the network or the provider hiccuped, the request itself was fine. */
const retryableCodes = new Set([
  'offline',
  'rate_limited',
  'upstream_failed',
  'timeout',
  'bad_response',
  'internal_error'
]);

export const MAX_ATTEMPTS = 4;

/** By code, not status: a refused key answers 503 too, and no retry will fix it. */
export const isRetryable = (code: string): boolean => retryableCodes.has(code);

/** Exponential backoff: 2 s, 4 s, 8 s… capped at a minute, so a long outage does not hammer the proxy. */
export function retryDelayMs(attempt: number, baseMs = 2_000, capMs = 60_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Errors about the file itself: no retry, automatic or by hand, makes such a file work. */
const hopelessCodes = new Set(['empty_file', 'unsupported_format', 'corrupt_image', 'too_large']);

/** Whether a failed job is worth offering Retry for (a wrong token or a full budget can be fixed meanwhile). */
export const canSucceedLater = (code: string | undefined): boolean => !code || !hopelessCodes.has(code);

export const shouldRetry = (code: string, attempts: number): boolean =>
  attempts < MAX_ATTEMPTS && isRetryable(code);
