import { z } from 'zod';
import { ProviderIdSchema } from '../providers';

const RangeSchema = z.object({ min: z.number(), max: z.number(), default: z.number(), step: z.number() });

export const ModelInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  operations: z.array(z.string()),
  guidance: RangeSchema.optional(),
  steps: RangeSchema.optional(),
  seed: z.boolean(),
  negativePrompt: z.boolean(),
  stylePresets: z.boolean(),
  maxPromptChars: z.number(),
  async: z.boolean(),
  /** Price of one result of this model's first operation, micro-dollars (from the one cost table). */
  unitMicros: z.number().optional()
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

/** GET /api/ai/providers: the configured providers only. */
export const ProvidersResponseSchema = z.object({
  providers: z.array(z.object({ id: ProviderIdSchema, label: z.string(), models: z.array(ModelInfoSchema) }))
});
export type ProvidersResponse = z.infer<typeof ProvidersResponseSchema>;

export const CostSchema = z.object({
  unitMicros: z.number(),
  units: z.number(),
  totalMicros: z.number(),
  totalUsd: z.number(),
  credits: z.number(),
  breakdown: z.string()
});

export const PreflightIssueSchema = z.object({ field: z.string(), message: z.string() });

/** POST /api/ai/estimate. */
export const EstimateResponseSchema = z.object({
  estimate: CostSchema.nullable(),
  /** Pre-flight problems; the operation would be refused while any remain. */
  issues: z.array(PreflightIssueSchema),
  planned: z.object({ width: z.number(), height: z.number(), aspectRatio: z.string().optional() }).nullable(),
  configured: z.boolean()
});
export type EstimateResponse = z.infer<typeof EstimateResponseSchema>;

export const JobOutputSchema = z.object({
  position: z.number(),
  url: z.string(),
  contentType: z.string(),
  seed: z.number().nullable(),
  costMicros: z.number()
});

/** POST /api/ai/run and GET /api/ai/jobs/:id. */
export const JobResponseSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  operation: z.string(),
  provider: ProviderIdSchema,
  model: z.string(),
  reservedMicros: z.number(),
  chargedMicros: z.number(),
  outputs: z.array(JobOutputSchema),
  failed: z.number(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** True when this answer is a replay of an earlier request with the same Idempotency-Key. */
  replayed: z.boolean()
});
export type JobResponse = z.infer<typeof JobResponseSchema>;

/** GET /api/ai/budget. */
export const BudgetResponseSchema = z.object({
  user: z.string(),
  month: z.string(),
  limitMicros: z.number(),
  spentMicros: z.number(),
  reservedMicros: z.number(),
  remainingMicros: z.number()
});
export type BudgetResponse = z.infer<typeof BudgetResponseSchema>;

/** POST /api/ai/enhance: a prompt rewritten by a configured text model. */
export const EnhanceRequestSchema = z.object({
  prompt: z.string().trim().min(1).max(10_000),
  stylePreset: z.string().max(40).optional()
});
export const EnhanceResponseSchema = z.object({ prompt: z.string() });
export type EnhanceResponse = z.infer<typeof EnhanceResponseSchema>;
