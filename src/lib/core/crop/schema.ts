import { z } from 'zod';
import { MAX_SIDE } from '../image/limits';
import { BoxSchema } from '../vision/detection';
import { CropWarningSchema } from './warnings';

const pixel = z.number().int().min(0).max(MAX_SIDE);

/** A rectangle in whole pixels (of the upright source, or of an output frame). */
export const PixelRectSchema = z.object({
  x: pixel,
  y: pixel,
  width: pixel.min(1),
  height: pixel.min(1)
});
export type PixelRect = z.infer<typeof PixelRectSchema>;

export const PointSchema = z.object({ x: z.number(), y: z.number() });

/**
 * How the picture fills the preset's frame: `cover` crops to the frame's aspect; the pad modes keep the whole
 * picture (or the user's crop) and fill the rest with a blurred, dimmed copy of it or with one colour.
 */
export const FitModeSchema = z.enum(['cover', 'pad-blur', 'pad-color']);
export type FitMode = z.infer<typeof FitModeSchema>;

/**
 * How far an output may enlarge its source when a crop is tightened to clear faces of a platform's UI: 1 never
 * enlarges (a tighter crop only where the source has pixels to spare); past 2 the result looks soft anywhere.
 */
export const MaxEnlargementSchema = z.number().min(1).max(2);

/** `#rrggbb`, as an `<input type="color">` gives it. */
export const HexColorSchema = z.string().regex(/^#[0-9a-f]{6}$/i, 'A colour is written #rrggbb.');

export const CropStrategySchema = z.enum(['user', 'faces', 'subject', 'focal', 'centre']);
export type ResolvedStrategy = z.infer<typeof CropStrategySchema>;

/**
 * What the user decided for one image, kept per image (by content hash): the focal point they pinned, their
 * own crop per preset, detected boxes they dismissed ("not a face") and faces they drew that were missed.
 */
export const UserChoicesSchema = z.object({
  focal: PointSchema.optional(),
  crops: z.record(z.string(), PixelRectSchema).default({}),
  dismissed: z.array(BoxSchema).default([]),
  added: z.array(BoxSchema).default([])
});
export type UserChoices = z.infer<typeof UserChoicesSchema>;
export type UserChoicesInput = z.input<typeof UserChoicesSchema>;

/** The one crop decision for an (image, preset): what the preview shows and what the export cuts. */
export const ResolvedCropSchema = z.object({
  /** The part of the source used, in whole source pixels. */
  crop: PixelRectSchema,
  /** Where that part lands in the output frame (the whole frame for `cover`), in output pixels. */
  placement: PixelRectSchema,
  fit: FitModeSchema,
  /** The padding colour for `pad-color`. */
  color: HexColorSchema.optional(),
  strategy: CropStrategySchema,
  warnings: z.array(CropWarningSchema),
  /** Set when a tighter crop than the largest was taken to clear faces of the platform's UI: why, and how much. */
  zoom: z.object({ scale: z.number().positive().max(1), message: z.string() }).optional()
});
export type ResolvedCrop = z.infer<typeof ResolvedCropSchema>;
