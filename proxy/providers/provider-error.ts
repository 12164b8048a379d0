import type { ProviderId } from '../../src/lib/core/providers';
import { providerLabels } from '../../src/lib/core/providers';

export type ProviderErrorCode =
  | 'rejected'
  | 'content_filtered'
  | 'key_refused'
  | 'rate_limited'
  | 'upstream_failed'
  | 'timeout'
  | 'cancelled'
  | 'bad_response'
  | 'result_too_large';

/** The HTTP status our API answers for each failure class. */
export const providerErrorStatus: Record<ProviderErrorCode, 409 | 422 | 429 | 502 | 503 | 504> = {
  rejected: 422,
  content_filtered: 422,
  key_refused: 503,
  rate_limited: 429,
  upstream_failed: 502,
  timeout: 504,
  cancelled: 409,
  bad_response: 502,
  result_too_large: 502
};

/** A provider failure in words a user can act on; never carries the key or the raw upstream body. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';

  constructor(
    readonly provider: ProviderId,
    readonly code: ProviderErrorCode,
    message: string,
    readonly upstreamStatus?: number,
    /** Seconds the provider asked us to wait (429). */
    readonly retryAfterSeconds?: number
  ) {
    super(`${providerLabels[provider]}: ${message}`);
  }
}
