import { z } from 'zod';
import { decodableFormats, encodableFormats } from './format';
import { MAX_SIDE } from './limits';

export const DecodableFormatSchema = z.enum(decodableFormats);
export const EncodableFormatSchema = z.enum(encodableFormats);

/** EXIF orientation 1–8; 0 when the file carries none. */
export const ProbeResultSchema = z.object({
  format: DecodableFormatSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  orientation: z.number().int().min(0).max(8),
  hasAlpha: z.boolean(),
  byteLength: z.number().int().positive()
});
export type ProbeResult = z.infer<typeof ProbeResultSchema>;

/**
 * cover: fill the box, cropping the overflow; contain: fit inside, letterboxed to the exact box;
 * inside: fit inside, output keeps the source aspect; fill: stretch to the box.
 */
export const FitSchema = z.enum(['cover', 'contain', 'inside', 'fill']);
export type Fit = z.infer<typeof FitSchema>;

export const ResizeOptionsSchema = z.object({
  width: z.number().int().min(1).max(MAX_SIDE),
  height: z.number().int().min(1).max(MAX_SIDE),
  fit: FitSchema.default('cover'),
  format: EncodableFormatSchema.default('jpeg'),
  quality: z.number().int().min(1).max(100).default(82)
});
export type ResizeOptions = z.infer<typeof ResizeOptionsSchema>;
export type ResizeOptionsInput = z.input<typeof ResizeOptionsSchema>;

export const ResizeResultSchema = z.object({
  bytes: z.instanceof(Uint8Array),
  format: EncodableFormatSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive()
});
export type ResizeResult = z.infer<typeof ResizeResultSchema>;
