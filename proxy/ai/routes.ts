import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { bodyLimit } from 'hono/body-limit';
import {
  EnhanceRequestSchema,
  type BudgetResponse,
  type EnhanceResponse,
  type EstimateResponse,
  type ProvidersResponse
} from '../../src/lib/core/api/ai';
import { estimateCost, formatUsd } from '../../src/lib/core/cost/estimate';
import { AiOperationSchema, type AiOperation } from '../../src/lib/core/operations';
import { findModel } from '../../src/lib/core/operations/models';
import { preflight } from '../../src/lib/core/operations/preflight';
import { planOutputSize } from '../../src/lib/core/operations/sizing';
import { providerLabels, type ProviderId } from '../../src/lib/core/providers';
import { requireUser, type UserEnv } from '../auth/require-user';
import type { User, UserDirectory } from '../auth/users';
import { jsonError } from '../http/errors';
import { parseJsonText, readJsonBody } from '../http/json-body';
import { validateJson, validateParams } from '../http/validate';
import { monthTotals, readOutput, reserve } from '../ledger/ledger';
import type { Sql } from '../db/sql';
import { ProviderError, providerErrorStatus, type ProviderErrorCode } from '../providers/provider-error';
import type { ProviderAdapter } from '../providers/types';
import { JobRunner, jobView } from './jobs';
import { rateLimit } from '../http/rate-limit';
import { verifyUploads } from './uploads';

export interface AiDeps {
  sql: Sql;
  users: Pick<UserDirectory, 'size' | 'authenticate'>;
  adapters: ReadonlyMap<ProviderId, ProviderAdapter>;
  defaultBudgetUsd: number;
  ratePerMinute: number;
  /** How long POST /run waits for a result before answering 202 with the job to poll. */
  waitMs: number;
  jobTimeoutMs: number;
  uploadLimitBytes: number;
  log: (line: string) => void;
  /** Rewrites a prompt with a configured text model; absent when no provider offers one. */
  enhance?: (prompt: string, stylePreset: string | undefined, signal: AbortSignal) => Promise<string>;
}

/**
 * Parses an operation from JSON (with readJsonBody's rules), or from a multipart body's `operation` field with
 * its file parts; a refusal is the response to send.
 */
async function readOperation(c: Context): Promise<{ raw: unknown; files: Map<string, Blob> } | Response> {
  const files = new Map<string, Blob>();
  if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
    const body = await readJsonBody(c);
    return body instanceof Response ? body : { raw: body.value, files };
  }
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    return jsonError(c, 400, 'invalid_request', 'The multipart body could not be read.');
  }
  for (const [name, value] of form.entries()) if (typeof value !== 'string') files.set(name, value);
  const operation = form.get('operation');
  if (typeof operation !== 'string')
    return jsonError(
      c,
      400,
      'invalid_request',
      'The multipart body needs an "operation" field with the operation as JSON.'
    );
  const parsed = parseJsonText(c, operation);
  return parsed instanceof Response ? parsed : { raw: parsed.value, files };
}

const JobParams = z.object({ id: z.uuid('Not a job id.') });
const OutputParams = JobParams.extend({
  position: z.string().regex(/^\d{1,3}$/, 'Not an output position.')
});

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
  const limiter = rateLimit(deps.sql, { name: 'ai-run', perWindow: deps.ratePerMinute });
  const runner = new JobRunner({ sql: deps.sql, jobTimeoutMs: deps.jobTimeoutMs, log: deps.log });
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
    if (body instanceof Response) return body;
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
      const wait = await limiter.hit(user.name);
      if (wait !== undefined) {
        c.header('Retry-After', String(wait));
        return jsonError(c, 429, 'rate_limited', `Too many AI requests; try again in ${wait} s.`);
      }
      const key = c.req.header('idempotency-key')?.trim();
      if (!key || key.length > 200)
        return jsonError(
          c,
          400,
          'idempotency_key_required',
          'Send an Idempotency-Key header (up to 200 characters) so a retry never charges twice.'
        );
      const body = await readOperation(c);
      if (body instanceof Response) return body;
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
        op,
        amountMicros: estimate.totalMicros,
        limitMicros: limit
      });
      if (reservation.kind === 'over_budget') {
        const left = Math.max(0, limit - reservation.spentMicros - reservation.reservedMicros);
        return jsonError(
          c,
          402,
          'budget_exceeded',
          `This costs ${formatUsd(estimate.totalMicros)}; ${formatUsd(left)} of your ${formatUsd(limit)} monthly budget is left.`
        );
      }
      if (reservation.kind === 'reserved')
        runner.start(adapter, { entry: reservation.entry, op, spec, size, estimate, files: body.files });
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

  app.post('/enhance', validateJson(EnhanceRequestSchema), async (c) => {
    if (!deps.enhance) {
      return jsonError(
        c,
        503,
        'enhance_unavailable',
        'Prompt enhancement needs a text model: set GEMINI_API_KEY on the server.'
      );
    }
    const request = c.req.valid('json');
    try {
      const prompt = await deps.enhance(request.prompt, request.stylePreset, AbortSignal.timeout(60_000));
      const body: EnhanceResponse = { prompt };
      return c.json(body);
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      deps.log(
        `[ai] enhance user=${c.get('user').name} failed: ${error.code}${error.detail ? ` upstream said: ${error.detail}` : ''}`
      );
      return jsonError(c, providerErrorStatus[error.code], error.code, error.message);
    }
  });

  app.get('/jobs/:id', validateParams(JobParams), async (c) => {
    const view = await jobView(deps.sql, c.get('user').name, c.req.param('id')).catch(() => undefined);
    return view ? c.json(view) : jsonError(c, 404, 'not_found', 'No such job for this user.');
  });

  app.delete('/jobs/:id', validateParams(JobParams), async (c) => {
    const id = c.req.param('id');
    const view = await jobView(deps.sql, c.get('user').name, id).catch(() => undefined);
    if (!view) return jsonError(c, 404, 'not_found', 'No such job for this user.');
    runner.cancel(id);
    await runner.wait(id, 5_000);
    return c.json(await jobView(deps.sql, c.get('user').name, id));
  });

  app.get('/jobs/:id/outputs/:position', validateParams(OutputParams), async (c) => {
    const view = await jobView(deps.sql, c.get('user').name, c.req.param('id')).catch(() => undefined);
    const output = view ? await readOutput(deps.sql, view.id, Number(c.req.param('position'))) : undefined;
    if (!output) return jsonError(c, 404, 'not_found', 'No such output.');
    return c.body(output.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': output.contentType,
      'cache-control': 'private, max-age=31536000, immutable'
    });
  });

  return { app, runner };
}
