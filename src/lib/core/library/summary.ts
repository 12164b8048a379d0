import { z } from 'zod';
import { DecodableFormatSchema } from '../image/operations';

/** Thumbnails are WebP at most this many pixels on the long side (sharp on a 2× screen at 160 px). */
export const THUMBNAIL_SIDE = 320;

export const ExifFactsSchema = z.object({
  camera: z.string().optional(),
  /** ISO 8601, local time of the camera. */
  takenAt: z.string().optional()
});
export type ExifFacts = z.infer<typeof ExifFactsSchema>;

/** What the image worker tells the library about an image after one look: its thumbnail and cheap facts. */
export const ImageSummarySchema = z.object({
  format: DecodableFormatSchema,
  /** Upright (EXIF-oriented) size. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  exif: ExifFactsSchema,
  colours: z.array(z.string()),
  thumbnail: z.object({
    bytes: z.instanceof(Uint8Array),
    width: z.number().int().positive(),
    height: z.number().int().positive()
  })
});
export type ImageSummary = z.infer<typeof ImageSummarySchema>;
