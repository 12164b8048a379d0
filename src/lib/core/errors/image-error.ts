import { z } from 'zod';

export const imageErrorCodes = [
  'empty_file',
  'unsupported_format',
  'corrupt_image',
  'too_large',
  'invalid_options',
  'cancelled',
  'processing_failed',
  /** On-device AI found nothing to work on (no person for a cut-out). */
  'no_subject'
] as const;

export const ImageErrorCodeSchema = z.enum(imageErrorCodes);
export type ImageErrorCode = z.infer<typeof ImageErrorCodeSchema>;

export const ImageErrorShapeSchema = z.object({
  code: ImageErrorCodeSchema,
  message: z.string()
});
export type ImageErrorShape = z.infer<typeof ImageErrorShapeSchema>;

/** A failure the user can act on: the code drives UI decisions, the message is shown as is. */
export class ImageError extends Error {
  override readonly name = 'ImageError';
  readonly code: ImageErrorCode;

  constructor(code: ImageErrorCode, message: string) {
    super(message);
    this.code = code;
  }

  toJSON(): ImageErrorShape {
    return { code: this.code, message: this.message };
  }
}

export function isImageErrorShape(value: unknown): value is ImageErrorShape {
  return ImageErrorShapeSchema.safeParse(value).success;
}

/** Rebuilds an ImageError from anything thrown across a worker or network boundary. */
export function toImageError(value: unknown): ImageError {
  if (value instanceof ImageError) return value;
  if (isImageErrorShape(value)) return new ImageError(value.code, value.message);
  const message = value instanceof Error ? value.message : String(value);
  return new ImageError('processing_failed', `Processing stopped unexpectedly: ${message}`);
}
