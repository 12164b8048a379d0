import type { z } from 'zod';
import {
  BudgetResponseSchema,
  EnhanceResponseSchema,
  EstimateResponseSchema,
  JobResponseSchema,
  ProvidersResponseSchema,
  type BudgetResponse,
  type EstimateResponse,
  type JobResponse,
  type ProvidersResponse
} from '$core/api/ai';
import { ApiErrorSchema } from '$core/api/errors';
import {
  NotifySentSchema,
  NotifyStatusSchema,
  type NotifyRequestInput,
  type NotifySent,
  type NotifyStatus
} from '$core/api/notify';
import type { AiOperationInput } from '$core/operations';
import type { AiConnection } from './connection';

/** A refusal or failure from the proxy, with its code and the per-field messages for inline errors. */
export class AiClientError extends Error {
  override readonly name = 'AiClientError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {}
  ) {
    super(message);
  }
}

const POLL_MS = 1_500;

/** JSON when the operation carries no files, else multipart with the operation under "operation". */
function runBody(
  op: AiOperationInput,
  files: Record<string, Blob> = {}
): RequestInit & { headers: Record<string, string> } {
  const parts = Object.entries(files);
  if (!parts.length)
    return { method: 'POST', body: JSON.stringify(op), headers: { 'content-type': 'application/json' } };
  const form = new FormData();
  form.set('operation', JSON.stringify(op));
  for (const [name, blob] of parts) form.set(name, blob, name);
  return { method: 'POST', body: form, headers: {} };
}

/** The browser's side of the proxy's signed-in routes (/api/ai, /api/notify): every answer validated with the schema the proxy answers with. */
export class AiClient {
  constructor(
    private readonly connection: AiConnection,
    private readonly fetcher: typeof fetch = (...args) => fetch(...args)
  ) {}

  private url(path: string): string {
    return `${this.connection.proxyUrl.replace(/\/+$/, '')}${path}`;
  }

  private async request<T>(
    path: string,
    schema: z.ZodType<T>,
    init: RequestInit = {},
    okStatuses: number[] = []
  ): Promise<T> {
    let response: Response;
    try {
      response = await this.fetcher(this.url(path), {
        ...init,
        headers: {
          authorization: `Bearer ${this.connection.token}`,
          ...(init.headers as Record<string, string>)
        }
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw new AiClientError(0, 'cancelled', 'Cancelled.');
      throw new AiClientError(
        0,
        'offline',
        'Could not reach the AI proxy. Check the connection and the proxy URL in Settings.'
      );
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok || okStatuses.includes(response.status)) {
      const parsed = schema.safeParse(body);
      if (parsed.success) return parsed.data;
    }
    const error = ApiErrorSchema.safeParse(body);
    if (error.success)
      throw new AiClientError(
        response.status,
        error.data.error.code,
        error.data.error.message,
        error.data.error.fields
      );
    const job = JobResponseSchema.safeParse(body);
    if (job.success && job.data.error)
      throw new AiClientError(response.status, job.data.error.code, job.data.error.message);
    throw new AiClientError(
      response.status,
      'bad_response',
      `The AI proxy answered something unexpected (HTTP ${response.status}).`
    );
  }

  providers(): Promise<ProvidersResponse> {
    return this.request('/api/ai/providers', ProvidersResponseSchema);
  }

  budget(): Promise<BudgetResponse> {
    return this.request('/api/ai/budget', BudgetResponseSchema);
  }

  estimate(op: AiOperationInput, signal?: AbortSignal): Promise<EstimateResponse> {
    return this.request('/api/ai/estimate', EstimateResponseSchema, {
      method: 'POST',
      body: JSON.stringify(op),
      headers: { 'content-type': 'application/json' },
      signal
    });
  }

  /** The prompt rewritten by the server's text model (503 enhance_unavailable when it has none). */
  async enhance(prompt: string, stylePreset?: string): Promise<string> {
    const body = await this.request('/api/ai/enhance', EnhanceResponseSchema, {
      method: 'POST',
      body: JSON.stringify({ prompt, stylePreset }),
      headers: { 'content-type': 'application/json' }
    });
    return body.prompt;
  }

  /** Whether the proxy can e-mail this user, and to which address (its admin sets it, never this app). */
  notifyStatus(): Promise<NotifyStatus> {
    return this.request('/api/notify', NotifyStatusSchema);
  }

  /** Asks the proxy to e-mail the user; the proxy writes the message and picks the address. */
  notify(body: NotifyRequestInput): Promise<NotifySent> {
    return this.request('/api/notify', NotifySentSchema, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' }
    });
  }

  job(id: string, signal?: AbortSignal): Promise<JobResponse> {
    return this.request(`/api/ai/jobs/${encodeURIComponent(id)}`, JobResponseSchema, { signal });
  }

  cancel(id: string): Promise<JobResponse> {
    return this.request(`/api/ai/jobs/${encodeURIComponent(id)}`, JobResponseSchema, { method: 'DELETE' });
  }

  /**
   * Runs an operation to its end: posts it under `idempotencyKey` (so a retry after a network error never pays
   * twice), then polls while the proxy answers 202. A failed job throws; a partial one returns with `failed`.
   */
  async run(
    op: AiOperationInput,
    idempotencyKey: string,
    options: {
      signal?: AbortSignal;
      onProgress?: (job: JobResponse) => void;
      /** The bytes of each part the operation declares (image, mask, references, audio), by part name. */
      files?: Record<string, Blob>;
    } = {}
  ): Promise<JobResponse> {
    const { signal, onProgress, files } = options;
    const body = runBody(op, files);
    const job = await this.request(
      '/api/ai/run',
      JobResponseSchema,
      { ...body, headers: { ...body.headers, 'idempotency-key': idempotencyKey }, signal },
      [202]
    );
    onProgress?.(job);
    return this.follow(job, { signal, onProgress });
  }

  /**
   * Polls a job the proxy already holds until it ends: `run` uses it after posting, and a page that stored the
   * job id (a long video) uses it after a reload.
   */
  async follow(
    started: JobResponse,
    options: { signal?: AbortSignal; onProgress?: (job: JobResponse) => void } = {}
  ): Promise<JobResponse> {
    const { signal, onProgress } = options;
    let job = started;
    while (job.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (signal?.aborted) {
        job = await this.cancel(job.id);
        break;
      }
      job = await this.job(job.id, signal);
      onProgress?.(job);
    }
    if (job.status === 'failed')
      throw new AiClientError(
        409,
        job.error?.code ?? 'failed',
        job.error?.message ?? 'The operation failed.'
      );
    return job;
  }

  /** One result's bytes. */
  async output(url: string, signal?: AbortSignal): Promise<Blob> {
    const response = await this.fetcher(this.url(url), {
      headers: { authorization: `Bearer ${this.connection.token}` },
      signal
    });
    if (!response.ok)
      throw new AiClientError(response.status, 'not_found', 'A result could not be downloaded.');
    return response.blob();
  }
}
