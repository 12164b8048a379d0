import { createHash, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  EnhanceRequestSchema,
  type BudgetResponse,
  type EnhanceResponse,
  type EstimateResponse,
  type ProvidersResponse
} from '../../src/lib/core/api/ai';
import { brokenTextPath } from '../../src/lib/core/api/text';
import { estimateCost, formatUsd } from '../../src/lib/core/cost/estimate';
import { enhanceRate } from '../../src/lib/core/cost/table';
import { AiOperationSchema, type AiOperation } from '../../src/lib/core/operations';
import { findModel } from '../../src/lib/core/operations/models';
import { preflight } from '../../src/lib/core/operations/preflight';
import { planOutputSize } from '../../src/lib/core/operations/sizing';
import { providerLabels, type ProviderId } from '../../src/lib/core/providers';
import { requireUser, type UserEnv } from '../auth/require-user';
import type { User, UserDirectory } from '../auth/users';
import { jsonError } from '../http/errors';
import { monthTotals, readOutput, reserve, settle } from '../ledger/ledger';
import type { Sql } from '../db/sql';
import { ProviderError, providerErrorStatus, type ProviderErrorCode } from '../providers/provider-error';
import type { ProviderAdapter } from '../providers/types';
import type { BlobStore } from '../storage/blob-store';
import { jobView, type JobRunner } from './jobs';
import { RateLimiter } from '../http/rate-limit';
import { contentDisposition } from './results';
import { verifyUploads } from './uploads';

export interface AiDeps {
  sql: Sql;
  users: Pick<UserDirectory, 'size' | 'authenticate'>;
  adapters: ReadonlyMap<ProviderId, ProviderAdapter>;
  /** Runs jobs' upstream work; owns recovery and shutdown (see JobRunner). */
  runner: JobRunner;
  /** Where results are kept (the runner writes them; GET …/outputs/:position reads them). */
  results: BlobStore;
  defaultBudgetUsd: number;
  ratePerMinute: number;
  /** How long POST /run waits for a result before answering 202 with the job to poll. */
  waitMs: number;
  uploadLimitBytes: number;
  log: (line: string) => void;
  /** Rewrites a prompt with a configured text model; absent when no provider offers one. */
  enhance?: (prompt: string, stylePreset: string | undefined, signal: AbortSignal) => Promise<string>;
}

const JSON_BODY_LIMIT = 64 * 1024;

/** Parses an operation from JSON, or from a multipart body's `operation` field with its file parts. */
async function readOperation(c: Context): Promise<{ raw: unknown; files: Map<string, Blob> } | string> {
  const type = c.req.header('content-type') ?? '';
  const files = new Map<string, Blob>();
  try {
    if (type.startsWith('multipart/form-data')) {
      const form = await c.req.formData();
      for (const [name, value] of form.entries()) if (typeof value !== 'string') files.set(name, value);
      const operation = form.get('operation');
      return typeof operation === 'string'
        ? { raw: JSON.parse(operation), files }
        : 'The multipart body needs an "operation" field with the operation as JSON.';
    }
    if (Number(c.req.header('content-length') ?? 0) > JSON_BODY_LIMIT)
      return 'A JSON operation must be under 64 KB; send images as multipart parts.';
    return { raw: await c.req.json(), files };
  } catch {
    return 'The body is not valid JSON or multipart.';
  }
}

/** A 400 naming the field when text holds a NUL or a broken surrogate (nothing else could store or send it). */
function brokenText(c: Context, raw: unknown) {
  const field = brokenTextPath(raw);
  if (field === undefined) return undefined;
  const message = `${field} contains a NUL character or a broken (unpaired) surrogate; remove it and try again.`;
  return jsonError(c, 400, 'invalid_text', message, { [field]: message });
}

/** What an idempotency key is bound to: the operation as validated and every uploaded part's bytes. */
async function requestHash(op: AiOperation, files: ReadonlyMap<string, Blob>): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(op));
  for (const [name, blob] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`\0${name}\0${blob.size}\0`);
    for await (const chunk of blob.stream()) hash.update(chunk);
  }
  return hash.digest('hex');
}

const invalid = (c: Context, fields: Record<string, string>) =>
  jsonError(c, 400, 'invalid_request', Object.values(fields)[0] ?? 'Invalid operation.', fields);

function fieldsOf(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.path.map(String).join('.') || '(body)'] ??= issue.message;
  return fields;
}

/** The /api/ai routes: every one needs a user's Bearer token. */
export function aiRoutes(deps: AiDeps): { app: Hono<UserEnv>; runner: JobRunner } {
  const app = new Hono<UserEnv>();
  const limiter = new RateLimiter(deps.ratePerMinute);
  const { runner } = deps;
  /** Every route that reaches a provider takes from the same per-user limit. */
  const rateLimited = (c: Context, user: string) => {
    const wait = limiter.take(user);
    if (wait === undefined) return undefined;
    c.header('Retry-After', String(wait));
    return jsonError(c, 429, 'rate_limited', `Too many AI requests; try again in ${wait} s.`);
  };
  const overBudget = (
    c: Context,
    amountMicros: number,
    limit: number,
    totals: { spentMicros: number; reservedMicros: number }
  ) => {
    const left = Math.max(0, limit - totals.spentMicros - totals.reservedMicros);
    return jsonError(
      c,
      402,
      'budget_exceeded',
      `This costs ${formatUsd(amountMicros)}; ${formatUsd(left)} of your ${formatUsd(limit)} monthly budget is left.`
    );
  };
  const limitMicros = (user: User) =>
    Math.round((user.monthlyBudgetUsd ?? deps.defaultBudgetUsd) * 1_000_000);

  app.use('*', requireUser(deps.users));

  app.get('/providers', (c) => {
    const body: ProvidersResponse = {
      providers: [...deps.adapters.values()].map((adapter) => ({
        id: adapter.id,
        label: providerLabels[adapter.id],
        models: adapter.capabilities.map(
          ({ provider: _provider, sizing: _sizing, input: _input, operations, ...model }) => {
            const first = operations[0];
            const probe =
              first === 'generate'
                ? estimateCost(
                    AiOperationSchema.parse({
                      operation: 'generate',
                      provider: adapter.id,
                      model: model.id,
                      prompt: 'x'
                    })
                  )
                : undefined;
            return {
              ...model,
              operations: [...operations],
              ...(probe ? { unitMicros: probe.unitMicros } : {})
            };
          }
        )
      }))
    };
    return c.json(body);
  });

  app.get('/budget', async (c) => {
    const user = c.get('user');
    const totals = await monthTotals(deps.sql, user.name);
    const limit = limitMicros(user);
    const body: BudgetResponse = {
      user: user.name,
      month: totals.month,
      limitMicros: limit,
      spentMicros: totals.spentMicros,
      reservedMicros: totals.reservedMicros,
      remainingMicros: Math.max(0, limit - totals.spentMicros - totals.reservedMicros)
    };
    return c.json(body);
  });

  const validate = (raw: unknown) => {
    const parsed = AiOperationSchema.safeParse(raw);
    if (!parsed.success) return { ok: false as const, fields: fieldsOf(parsed.error.issues) };
    const op: AiOperation = parsed.data;
    const spec = findModel(op.provider, op.model);
    const issues = preflight(op, spec);
    const planned =
      spec && op.operation === 'generate' ? planOutputSize(spec.sizing, op.width, op.height) : undefined;
    return {
      ok: true as const,
      op,
      spec,
      issues,
      size: typeof planned === 'object' ? planned : undefined,
      estimate: estimateCost(op)
    };
  };

  app.post('/estimate', async (c) => {
    const body = await readOperation(c);
    if (typeof body === 'string') return jsonError(c, 400, 'invalid_request', body);
    const broken = brokenText(c, body.raw);
    if (broken) return broken;
    const checked = validate(body.raw);
    if (!checked.ok) return invalid(c, checked.fields);
    const response: EstimateResponse = {
      estimate: checked.estimate ?? null,
      issues: checked.issues,
      planned: checked.size ?? null,
      configured: deps.adapters.has(checked.op.provider)
    };
    return c.json(response);
  });

  app.post(
    '/run',
    bodyLimit({
      maxSize: deps.uploadLimitBytes,
      onError: (c) =>
        jsonError(
          c,
          413,
          'payload_too_large',
          `Uploads are limited to ${Math.round(deps.uploadLimitBytes / (1024 * 1024))} MB per operation.`
        )
    }),
    async (c) => {
      const user = c.get('user');
      const limited = rateLimited(c, user.name);
      if (limited) return limited;
      const key = c.req.header('idempotency-key')?.trim();
      if (!key || key.length > 200)
        return jsonError(
          c,
          400,
          'idempotency_key_required',
          'Send an Idempotency-Key header (up to 200 characters) so a retry never charges twice.'
        );
      const body = await readOperation(c);
      if (typeof body === 'string') return jsonError(c, 400, 'invalid_request', body);
      const broken = brokenText(c, body.raw);
      if (broken) return broken;
      const checked = validate(body.raw);
      if (!checked.ok) return invalid(c, checked.fields);
      const { op, spec, issues, estimate, size } = checked;
      const adapter = deps.adapters.get(op.provider);
      if (!adapter)
        return jsonError(
          c,
          503,
          'provider_not_configured',
          `${providerLabels[op.provider]} is not configured on this server.`
        );
      if (issues.length || !spec) {
        const fields = Object.fromEntries(issues.map((issue) => [issue.field, issue.message]));
        return jsonError(c, 422, 'preflight_failed', issues[0]?.message ?? 'Unknown model.', fields);
      }
      if (!estimate)
        return jsonError(
          c,
          422,
          'no_price',
          `There is no price for ${op.provider}/${op.model} ${op.operation}, so it cannot run.`
        );
      const uploadProblems = await verifyUploads(op, body.files);
      if (Object.keys(uploadProblems).length)
        return jsonError(c, 422, 'preflight_failed', Object.values(uploadProblems)[0] ?? '', uploadProblems);

      const limit = limitMicros(user);
      const reservation = await reserve(deps.sql, {
        user: user.name,
        idempotencyKey: key,
        requestHash: await requestHash(op, body.files),
        op,
        amountMicros: estimate.totalMicros,
        limitMicros: limit
      });
      if (reservation.kind === 'over_budget') return overBudget(c, estimate.totalMicros, limit, reservation);
      if (reservation.kind === 'key_reused')
        return jsonError(
          c,
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was already used with different parameters; send a new key for a new request.'
        );
      if (reservation.kind === 'reserved')
        runner.start({ entry: reservation.entry, op, size, files: body.files });
      await runner.wait(reservation.entry.id, deps.waitMs);
      const view = await jobView(deps.sql, user.name, reservation.entry.id, reservation.kind === 'existing');
      if (!view) return jsonError(c, 500, 'internal_error', 'The job vanished.');
      if (view.status === 'running') c.header('Location', `/api/ai/jobs/${view.id}`);
      if (view.status === 'failed' && view.error) {
        const status = providerErrorStatus[view.error.code as ProviderErrorCode] ?? 502;
        return c.json(view, status);
      }
      return c.json(view, view.status === 'running' ? 202 : 200);
    }
  );

  app.post('/enhance', async (c) => {
    if (!deps.enhance) {
      return jsonError(
        c,
        503,
        'enhance_unavailable',
        'Prompt enhancement needs a text model: set GEMINI_API_KEY on the server.'
      );
    }
    const user = c.get('user');
    const limited = rateLimited(c, user.name);
    if (limited) return limited;
    const raw: unknown = await c.req.json().catch(() => undefined);
    const broken = brokenText(c, raw);
    if (broken) return broken;
    const parsed = EnhanceRequestSchema.safeParse(raw);
    if (!parsed.success) return invalid(c, fieldsOf(parsed.error.issues));
    // Metered like an image: reserved before the call leaves, charged when the provider answered.
    const limit = limitMicros(user);
    const reservation = await reserve(deps.sql, {
      user: user.name,
      idempotencyKey: `enhance:${randomUUID()}`,
      requestHash: '',
      op: { operation: 'enhance', provider: enhanceRate.provider, model: enhanceRate.model },
      amountMicros: enhanceRate.usdMicros,
      limitMicros: limit
    });
    if (reservation.kind === 'over_budget') return overBudget(c, enhanceRate.usdMicros, limit, reservation);
    if (reservation.kind !== 'reserved') throw new Error('a fresh enhance key was seen before');
    const entryId = reservation.entry.id;
    try {
      const prompt = await deps.enhance(
        parsed.data.prompt,
        parsed.data.stylePreset,
        AbortSignal.timeout(60_000)
      );
      await settle(deps.sql, entryId, [], 0, undefined, enhanceRate.usdMicros);
      const body: EnhanceResponse = { prompt };
      return c.json(body);
    } catch (thrown) {
      const failure =
        thrown instanceof ProviderError
          ? thrown
          : new ProviderError('gemini', 'upstream_failed', 'the call failed unexpectedly.');
      // Only an answer the provider refused outright is free; anything it may have worked on is charged.
      const free = ['rejected', 'key_refused', 'rate_limited', 'content_filtered'].includes(failure.code);
      const failed = { code: failure.code, message: failure.message };
      await settle(deps.sql, entryId, [], 1, failed, free ? 0 : enhanceRate.usdMicros);
      return jsonError(c, providerErrorStatus[failure.code], failure.code, failure.message);
    }
  });

  app.get('/jobs/:id', async (c) => {
    const view = await jobView(deps.sql, c.get('user').name, c.req.param('id')).catch(() => undefined);
    return view ? c.json(view) : jsonError(c, 404, 'not_found', 'No such job for this user.');
  });

  app.delete('/jobs/:id', async (c) => {
    const id = c.req.param('id');
    const view = await jobView(deps.sql, c.get('user').name, id).catch(() => undefined);
    if (!view) return jsonError(c, 404, 'not_found', 'No such job for this user.');
    runner.cancel(id);
    await runner.wait(id, 5_000);
    return c.json(await jobView(deps.sql, c.get('user').name, id));
  });

  app.get('/jobs/:id/outputs/:position', async (c) => {
    const view = await jobView(deps.sql, c.get('user').name, c.req.param('id')).catch(() => undefined);
    const position = Number(c.req.param('position'));
    const output =
      view && Number.isInteger(position) && position >= 0
        ? await readOutput(deps.sql, view.id, position)
        : undefined;
    const stored = output?.blobKey ? await deps.results.getStream(output.blobKey) : undefined;
    const body = stored?.stream ?? output?.bytes;
    if (!output || !body)
      return jsonError(c, 404, 'not_found', 'No such output (results are kept for a limited time).');
    // The type was decided from the bytes when the result was stored, never taken from the provider.
    return c.body(body as ReadableStream, 200, {
      'content-type': output.contentType,
      'content-disposition': contentDisposition(output.contentType, `${view?.id}-${position}`),
      'x-content-type-options': 'nosniff',
      ...(stored ? { 'content-length': String(stored.size) } : {}),
      'cache-control': 'private, max-age=31536000, immutable'
    });
  });

  return { app, runner };
}
