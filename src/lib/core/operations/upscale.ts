import { z } from 'zod';
import {
  ImageInputSchema,
  OptionalPromptSchema,
  OutputFormatSchema,
  PromptSchema,
  SeedSchema,
  targetFields
} from './common';

const upscaleBase = { ...targetFields, image: ImageInputSchema, outputFormat: OutputFormatSchema };

export const FastUpscaleOperationSchema = z.object({ operation: z.literal('upscale.fast'), ...upscaleBase });

export const ConservativeUpscaleOperationSchema = z.object({
  operation: z.literal('upscale.conservative'),
  ...upscaleBase,
  // Stability requires a prompt for both AI upscalers (v2beta reference, Node SDK signature).
  prompt: PromptSchema,
  negativePrompt: OptionalPromptSchema,
  creativity: z.number().min(0.2).max(0.5).default(0.35),
  seed: SeedSchema.optional()
});

/** Asynchronous upstream: the proxy polls the result until it is ready. */
export const CreativeUpscaleOperationSchema = z.object({
  operation: z.literal('upscale.creative'),
  ...upscaleBase,
  prompt: PromptSchema,
  negativePrompt: OptionalPromptSchema,
  creativity: z.number().min(0.1).max(0.5).default(0.3),
  stylePreset: z.string().max(40).optional(),
  seed: SeedSchema.optional()
});
