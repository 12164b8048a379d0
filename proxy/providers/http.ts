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
  /** Secrets that must never leave in an error message (the provider's key). */
  secrets: readonly string[];
  /** Reads the provider's own error message out of its error body. */
  errorMessage: (body: unknown) => string | undefined;
}

const MAX_MESSAGE_CHARS = 300;

/** A provider's words, safe to pass on: without the keys, and short. */
function shortRedacted(text: string, secrets: readonly string[]): string {
  const out = redact(text, secrets);
  return out.length > MAX_MESSAGE_CHARS ? `${out.slice(0, MAX_MESSAGE_CHARS)}…` : out;
}

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

function describeStatus(status: number): string {
  if (status === 401 || status === 403) return 'the server’s API key was refused';
  if (status === 429) return 'too many requests';
  if (status >= 500) return `the provider failed (HTTP ${status})`;
  return `the request was refused (HTTP ${status})`;
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
    const attemptSignal = AbortSignal.any([signal, AbortSignal.timeout(call.timeoutMs)]);
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
            `could not reach the provider (${shortRedacted(String((error as Error).message), call.secrets)}).`
          );
      if (!idempotent) throw lastError;
      await backoff(attempt, undefined);
      continue;
    }
    if (response.ok) return response;
    const body = await readErrorBody(provider, response);
    const said = call.errorMessage(body);
    const message = shortRedacted(
      said ? `${describeStatus(response.status)}: ${said}` : `${describeStatus(response.status)}.`,
      call.secrets
    );
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (response.status === 429) {
      lastError = new ProviderError(provider, 'rate_limited', message, 429, retryAfter);
    } else if (response.status >= 500) {
      lastError = new ProviderError(provider, 'upstream_failed', message, response.status, retryAfter);
    } else if (response.status === 401 || response.status === 403 || /api[ -]?key/i.test(said ?? '')) {
      const filtered = /moderat|safety|content/i.test(said ?? '');
      throw new ProviderError(
        provider,
        filtered ? 'content_filtered' : 'key_refused',
        message,
        response.status
      );
    } else {
      throw new ProviderError(provider, 'rejected', message, response.status);
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
  return fetchResult(
    call.provider,
    call.url,
    call.hosts,
    AbortSignal.any([call.signal, AbortSignal.timeout(call.timeoutMs)])
  );
}

/** A 2xx answer's body as a stream for the job runner, which stores it as it arrives under the size cap. */
export function bodyOf(provider: ProviderId, response: Response): ReadableStream<Uint8Array> {
  if (!response.body) throw new ProviderError(provider, 'bad_response', 'the answer had no body.');
  return response.body;
}
