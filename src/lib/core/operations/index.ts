import { z } from 'zod';
import {
  EraseOperationSchema,
  GeneralEditOperationSchema,
  InpaintOperationSchema,
  OutpaintOperationSchema,
  RelightOperationSchema,
  RemoveBackgroundOperationSchema,
  SearchRecolorOperationSchema,
  SearchReplaceOperationSchema
} from './edit';
import { GenerateOperationSchema } from './generate';
import {
  SketchControlOperationSchema,
  StructureControlOperationSchema,
  StyleControlOperationSchema,
  StyleTransferOperationSchema
} from './control';
import {
  ImageTo3dOperationSchema,
  ImageToVideoOperationSchema,
  TalkingAvatarOperationSchema
} from './transform';
import {
  ConservativeUpscaleOperationSchema,
  CreativeUpscaleOperationSchema,
  FastUpscaleOperationSchema
} from './upscale';

/** Every AI operation, told apart by `operation`: the one schema client forms, proxy and batch validate with. */
export const AiOperationSchema = z.discriminatedUnion('operation', [
  GenerateOperationSchema,
  EraseOperationSchema,
  InpaintOperationSchema,
  OutpaintOperationSchema,
  SearchReplaceOperationSchema,
  SearchRecolorOperationSchema,
  RemoveBackgroundOperationSchema,
  RelightOperationSchema,
  GeneralEditOperationSchema,
  FastUpscaleOperationSchema,
  ConservativeUpscaleOperationSchema,
  CreativeUpscaleOperationSchema,
  SketchControlOperationSchema,
  StructureControlOperationSchema,
  StyleControlOperationSchema,
  StyleTransferOperationSchema,
  ImageToVideoOperationSchema,
  TalkingAvatarOperationSchema,
  ImageTo3dOperationSchema
]);
export type AiOperation = z.infer<typeof AiOperationSchema>;
export type AiOperationInput = z.input<typeof AiOperationSchema>;
export type OperationName = AiOperation['operation'];

/** How many results one operation produces (variations for generate, one otherwise). */
export const resultCount = (op: AiOperation): number => (op.operation === 'generate' ? op.variations : 1);

export * from './common';
export * from './generate';
