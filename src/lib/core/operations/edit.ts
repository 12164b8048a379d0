import { z } from 'zod';
import {
  ImageInputSchema,
  OptionalPromptSchema,
  OutputFormatSchema,
  PromptSchema,
  SeedSchema,
  UnitSchema,
  targetFields
} from './common';

const editBase = {
  ...targetFields,
  image: ImageInputSchema,
  seed: SeedSchema.optional(),
  outputFormat: OutputFormatSchema
};

export const EraseOperationSchema = z.object({
  operation: z.literal('edit.erase'),
  ...editBase,
  mask: ImageInputSchema.optional(),
  growMask: z.number().int().min(0).max(20).default(5)
});

export const InpaintOperationSchema = z.object({
  operation: z.literal('edit.inpaint'),
  ...editBase,
  prompt: PromptSchema,
  negativePrompt: OptionalPromptSchema,
  mask: ImageInputSchema.optional(),
  growMask: z.number().int().min(0).max(100).default(5),
  stylePreset: z.string().max(40).optional()
});

const expansion = z.number().int().min(0).max(2000).default(0);
export const OutpaintOperationSchema = z
  .object({
    operation: z.literal('edit.outpaint'),
    ...editBase,
    prompt: OptionalPromptSchema,
    left: expansion,
    right: expansion,
    up: expansion,
    down: expansion,
    creativity: UnitSchema.default(0.5)
  })
  .refine((op) => op.left + op.right + op.up + op.down > 0, {
    message: 'Expand at least one side.',
    path: ['left']
  });

export const SearchReplaceOperationSchema = z.object({
  operation: z.literal('edit.search-replace'),
  ...editBase,
  prompt: PromptSchema,
  searchPrompt: PromptSchema,
  negativePrompt: OptionalPromptSchema,
  growMask: z.number().int().min(0).max(20).default(3)
});

export const SearchRecolorOperationSchema = z.object({
  operation: z.literal('edit.search-recolor'),
  ...editBase,
  prompt: PromptSchema,
  selectPrompt: PromptSchema,
  negativePrompt: OptionalPromptSchema,
  growMask: z.number().int().min(0).max(20).default(3)
});

export const RemoveBackgroundOperationSchema = z.object({
  operation: z.literal('edit.remove-background'),
  ...editBase
});

export const RelightOperationSchema = z
  .object({
    operation: z.literal('edit.relight'),
    ...editBase,
    backgroundPrompt: OptionalPromptSchema,
    foregroundPrompt: OptionalPromptSchema,
    backgroundReference: ImageInputSchema.optional(),
    lightReference: ImageInputSchema.optional(),
    preserveOriginalSubject: UnitSchema.default(0.6),
    originalBackgroundDepth: UnitSchema.default(0.5),
    lightSourceStrength: UnitSchema.default(0.3),
    lightSourceDirection: z.enum(['left', 'right', 'above', 'below']).optional()
  })
  .refine((op) => op.backgroundPrompt || op.backgroundReference || op.lightReference, {
    message: 'Give a background prompt, a background reference or a light reference.',
    path: ['backgroundPrompt']
  });

/** Prompt-based edit on WaveSpeed or Hugging Face models; the mask travels as a mask, never as a reference. */
export const GeneralEditOperationSchema = z.object({
  operation: z.literal('edit.general'),
  ...editBase,
  prompt: PromptSchema,
  negativePrompt: OptionalPromptSchema,
  mask: ImageInputSchema.optional(),
  references: z.array(ImageInputSchema).max(13).default([]),
  guidance: z.number().min(0).max(20).optional(),
  steps: z.number().int().min(1).max(100).optional()
});
