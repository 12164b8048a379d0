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

/** Stability's control/style ratios (its contract's enum): no 4:3 or 3:4. */
export const controlAspectRatios = [
  '1:1',
  '16:9',
  '9:16',
  '21:9',
  '9:21',
  '3:2',
  '2:3',
  '5:4',
  '4:5'
] as const;

const controlBase = {
  ...targetFields,
  image: ImageInputSchema,
  negativePrompt: OptionalPromptSchema,
  stylePreset: z.string().max(40).optional(),
  seed: SeedSchema.optional(),
  outputFormat: OutputFormatSchema
};

export const SketchControlOperationSchema = z.object({
  operation: z.literal('control.sketch'),
  ...controlBase,
  prompt: PromptSchema,
  controlStrength: UnitSchema.default(0.7)
});

export const StructureControlOperationSchema = z.object({
  operation: z.literal('control.structure'),
  ...controlBase,
  prompt: PromptSchema,
  controlStrength: UnitSchema.default(0.7)
});

export const StyleControlOperationSchema = z.object({
  operation: z.literal('control.style'),
  ...controlBase,
  prompt: PromptSchema,
  fidelity: UnitSchema.default(0.5),
  aspectRatio: z.enum(controlAspectRatios).default('1:1')
});

export const StyleTransferOperationSchema = z.object({
  operation: z.literal('control.style-transfer'),
  ...controlBase,
  styleImage: ImageInputSchema,
  prompt: OptionalPromptSchema,
  styleStrength: UnitSchema.default(1),
  compositionFidelity: UnitSchema.default(0.9),
  changeStrength: z.number().min(0.1).max(1).default(0.9)
});
