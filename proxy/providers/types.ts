import type { CostEstimate } from '../../src/lib/core/cost/estimate';
import type { AiOperation } from '../../src/lib/core/operations';
import type { ModelSpec } from '../../src/lib/core/operations/models';
import type { PlannedSize } from '../../src/lib/core/operations/sizing';
import type { ProviderId } from '../../src/lib/core/providers';
import type { ResultHostPolicy } from './outbound';

/**
 * One finished output: its bytes, still arriving when a stream (the job runner stores them as they come, under
 * the operation's size cap), and what the provider said about them.
 */
export interface ProviderResult {
  body: AsyncIterable<Uint8Array> | Uint8Array;
  /** As the provider declared it; the runner serves the type it finds in the bytes. */
  contentType: string;
  /** The seed the provider used, when it reports one (else the one we sent). */
  seed?: number;
}

/** An upstream job still running; `poll` takes it to a result. */
export interface JobHandle {
  provider: ProviderId;
  id: string;
  seed?: number;
}

export type RunOutcome = { kind: 'result'; result: ProviderResult } | { kind: 'job'; job: JobHandle };
export type PollOutcome = { status: 'pending' } | { status: 'done'; result: ProviderResult };

/** One upstream call: one variation of one operation, with its uploaded parts. */
export interface RunRequest {
  op: AiOperation;
  /** The output size pre-flight planned for this model (generate only). */
  size?: PlannedSize;
  /** Seed for this variation, when the model takes one. */
  seed?: number;
  files: ReadonlyMap<string, Blob>;
}

export interface ProviderAdapter {
  readonly id: ProviderId;
  /** Models this adapter can call, with their ranges. */
  readonly capabilities: readonly ModelSpec[];
  /** How often a job should be polled. */
  readonly pollIntervalMs: number;
  estimate(op: AiOperation): CostEstimate | undefined;
  run(request: RunRequest, signal: AbortSignal): Promise<RunOutcome>;
  poll(job: JobHandle, signal: AbortSignal): Promise<PollOutcome>;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  /** No single wait is longer than this; a Retry-After above it fails at once as rate_limited. */
  maxDelayMs: number;
}

export interface AdapterConfig {
  apiKey: string;
  baseUrl: string;
  /** One upstream request, connection to last byte. */
  timeoutMs: number;
  retry: RetryPolicy;
  pollIntervalMs: number;
  /** Where result links may point (adapters whose results arrive inline never use it). */
  resultHosts: ResultHostPolicy;
}

export const defaultRetry: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 20_000 };
