import { z } from 'zod';
import { OutputFormatSchema, PromptSchema, SeedSchema, targetFields } from './common';

export const MAX_VARIATIONS = 10;

export const GenerateOperationSchema = z.object({
  operation: z.literal('generate'),
  ...targetFields,
  prompt: PromptSchema,
  negativePrompt: z.string().trim().max(10_000).optional(),
  /** The size the user wants; each model's `sizing` turns it into what the provider can produce. */
  width: z.number().int().min(64).max(8192).default(1024),
  height: z.number().int().min(64).max(8192).default(1024),
  stylePreset: z.string().max(40).optional(),
  /** Checked against the model's own range in pre-flight (Stability 1–10, WaveSpeed 0–12…). */
  guidance: z.number().min(0).max(30).optional(),
  steps: z.number().int().min(1).max(150).optional(),
  /** Variation i uses seed + i, so a set can be reproduced. */
  seed: SeedSchema.optional(),
  variations: z.number().int().min(1).max(MAX_VARIATIONS).default(1),
  outputFormat: OutputFormatSchema
});
export type GenerateOperation = z.infer<typeof GenerateOperationSchema>;
export type GenerateOperationInput = z.input<typeof GenerateOperationSchema>;
