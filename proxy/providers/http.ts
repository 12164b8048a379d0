import type { ProviderId } from '../../src/lib/core/providers';
import { redact } from '../http/redact';
import { fetchResult, type ResultDownload, type ResultHostPolicy } from './outbound';
import { ProviderError } from './provider-error';
import type { RetryPolicy } from './types';

export interface UpstreamCall {
  provider: ProviderId;
  url: string;
  init: RequestInit;
  signal: AbortSignal;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Secrets that must never reach even the log through an error's detail (the provider's key). */
  secrets: readonly string[];
  /** Reads the provider's own error message out of its error body (for the log only). */
  errorMessage: (body: unknown) => string | undefined;
}

/** The most of an upstream's own text the log keeps. */
const MAX_DETAIL_CHARS = 1_000;

/** An upstream's words for the log: cut first (a cut leaves under 8 characters of a key), then redacted. */
export const upstreamDetail = (text: string, secrets: readonly string[]): string =>
  redact(text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text, secrets);

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** An error body is read only this far: enough for any provider's message, never a hostile gigabyte. */
const ERROR_BODY_LIMIT = 64 * 1024;
/** A JSON answer (job status, or Gemini's inline image in base64) is read whole, but never past this. */
export const JSON_BODY_LIMIT = 48 * 1024 * 1024;

async function readErrorBody(provider: ProviderId, response: Response): Promise<unknown> {
  const text = await readBytes(provider, response, ERROR_BODY_LIMIT)
    .then((bytes) => new TextDecoder().decode(bytes))
    .catch(() => '');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Our words for an upstream refusal; the provider's own are in the error's detail, for the log. */
function describeStatus(status: number): string {
  if (status === 401 || status === 403) return 'the server’s API key was refused.';
  if (status === 429) return 'too many requests; try again in a little while.';
  if (status >= 500) return `the provider failed (HTTP ${status}).`;
  return `the provider refused the request (HTTP ${status}); the server’s log has its reason.`;
}

const filteredMessage = 'the provider’s safety filter refused this prompt or image.';
const filteredWords = /moderat|safety|content polic|nsfw|inappropriate|DataInspection/i;

/** A job the provider ended without a result, in our words: filtered or refused, its own words in the detail. */
export function jobFailed(provider: ProviderId, said: string | undefined, secrets: readonly string[]) {
  const detail = said ? upstreamDetail(said, secrets) : undefined;
  return filteredWords.test(said ?? '')
    ? new ProviderError(provider, 'content_filtered', filteredMessage, undefined, undefined, detail)
    : new ProviderError(
        provider,
        'rejected',
        'the provider ended the job without a result; the server’s log has its reason.',
        undefined,
        undefined,
        detail
      );
}

/**
 * Aborts when `signal` does or after `ms`, whichever comes first (connection to last byte). A timer of our own that
 * holds the combined signal until it fires: `AbortSignal.timeout` keeps its signal only weakly, and fetch holds the
 * one it is given weakly too, so the timeout could be collected before it fired (a hung upstream then waited 30 s
 * against a 500 ms limit in the Stability adapter's tests).
 */
export function withTimeout(signal: AbortSignal, ms: number): AbortSignal {
  const timeout = new AbortController();
  const combined = AbortSignal.any([signal, timeout.signal]);
  const timer = setTimeout(() => {
    if (!combined.aborted) timeout.abort(new DOMException('The upstream took too long.', 'TimeoutError'));
  }, ms);
  // A finished call's timer must not keep the process alive; firing late only aborts what is already done.
  timer.unref();
  return combined;
}

/**
 * One upstream HTTP call with the proxy's rules: a timeout per attempt, cancellation through `signal`, retries
 * with exponential backoff (and Retry-After) only for 429 and 5xx, and only for idempotent requests on a
 * connection failure, so a POST that may have reached the provider is never sent twice. Non-2xx answers become
 * a ProviderError; a 2xx Response is returned for the adapter to read.
 */
export async function callUpstream(call: UpstreamCall): Promise<Response> {
  const { provider, retry, signal } = call;
  const idempotent = (call.init.method ?? 'GET').toUpperCase() === 'GET';
  let lastError: ProviderError | undefined;
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    if (signal.aborted) throw new ProviderError(provider, 'cancelled', 'the operation was cancelled.');
    const attemptSignal = withTimeout(signal, call.timeoutMs);
    let response: Response;
    try {
      response = await fetch(call.url, { ...call.init, signal: attemptSignal });
    } catch (error) {
      if (signal.aborted) throw new ProviderError(provider, 'cancelled', 'the operation was cancelled.');
      const timedOut = attemptSignal.aborted;
      lastError = timedOut
        ? new ProviderError(provider, 'timeout', `no answer within ${Math.round(call.timeoutMs / 1000)} s.`)
        : new ProviderError(
            provider,
            'upstream_failed',
            'could not reach the provider.',
            undefined,
            undefined,
            upstreamDetail(String((error as Error).message), call.secrets)
          );
      if (!idempotent) throw lastError;
      await backoff(attempt, undefined);
      continue;
    }
    if (response.ok) return response;
    const body = await readErrorBody(provider, response);
    // The provider's words go to the log only: they can quote the key back, or anything else.
    const said = call.errorMessage(body) ?? '';
    const detail = said ? upstreamDetail(said, call.secrets) : undefined;
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const status = response.status;
    if (status === 429) {
      lastError = new ProviderError(
        provider,
        'rate_limited',
        describeStatus(status),
        429,
        retryAfter,
        detail
      );
    } else if (status >= 500) {
      lastError = new ProviderError(
        provider,
        'upstream_failed',
        describeStatus(status),
        status,
        retryAfter,
        detail
      );
    } else if (filteredWords.test(said)) {
      throw new ProviderError(provider, 'content_filtered', filteredMessage, status, undefined, detail);
    } else if (status === 401 || status === 403 || /api[ -]?key/i.test(said)) {
      throw new ProviderError(provider, 'key_refused', describeStatus(status), status, undefined, detail);
    } else {
      throw new ProviderError(provider, 'rejected', describeStatus(status), status, undefined, detail);
    }
    if (retryAfter !== undefined && retryAfter * 1000 > retry.maxDelayMs) throw lastError;
    if (attempt < retry.attempts) await backoff(attempt, retryAfter);
  }
  throw lastError ?? new ProviderError(provider, 'upstream_failed', 'no attempt was made.');

  async function backoff(attempt: number, retryAfterSeconds: number | undefined) {
    const exponential = retry.baseDelayMs * 2 ** (attempt - 1);
    const wait = Math.min(
      retry.maxDelayMs,
      retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : exponential
    );
    try {
      await sleep(wait, signal);
    } catch {
      throw new ProviderError(provider, 'cancelled', 'the operation was cancelled.');
    }
  }
}

/**
 * Reads a body whole, up to `limit` bytes after decompression (more is an error, and the rest is never read); a
 * connection cut mid-body is a clear error, not a half-written result.
 */
export async function readBytes(
  provider: ProviderId,
  response: Response,
  limit = JSON_BODY_LIMIT
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  const tooLarge = () =>
    new ProviderError(
      provider,
      'result_too_large',
      `the answer is larger than the ${Math.round(limit / 1024)} KB read from it.`
    );
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    if (response.body)
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > limit) throw tooLarge();
        chunks.push(chunk);
      }
    return new Uint8Array(Buffer.concat(chunks, size));
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    const name = (error as Error).name;
    if (name === 'AbortError' || name === 'TimeoutError') {
      throw new ProviderError(provider, 'timeout', 'the result stopped arriving before it was complete.');
    }
    throw new ProviderError(
      provider,
      'upstream_failed',
      'the connection closed before the result was complete.'
    );
  }
}

export async function readJson(provider: ProviderId, response: Response): Promise<unknown> {
  const bytes = await readBytes(provider, response);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ProviderError(
      provider,
      'bad_response',
      'the provider answered with something that is not JSON.'
    );
  }
}

/**
 * Opens a result file the provider links to, under the provider's host policy (see `fetchResult`), for the job
 * runner to stream into the blob store. The key is never sent to a link's host.
 */
export function download(call: {
  provider: ProviderId;
  url: string;
  signal: AbortSignal;
  timeoutMs: number;
  hosts: ResultHostPolicy;
}): Promise<ResultDownload> {
  return fetchResult(call.provider, call.url, call.hosts, withTimeout(call.signal, call.timeoutMs));
}

/** A 2xx answer's body as a stream for the job runner, which stores it as it arrives under the size cap. */
export function bodyOf(provider: ProviderId, response: Response): ReadableStream<Uint8Array> {
  if (!response.body) throw new ProviderError(provider, 'bad_response', 'the answer had no body.');
  return response.body;
}
