import { z } from 'zod';

export const BoxSchema = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative()
});
export type Box = z.infer<typeof BoxSchema>;

export const ScoredBoxSchema = BoxSchema.extend({ score: z.number().min(0).max(1) });
export type ScoredBox = z.infer<typeof ScoredBoxSchema>;

/**
 * How a face candidate fared: kept and acted on, or dropped because the detector was unsure (`low_score`),
 * the face mesh found no face there (`mesh`: an independent second model), or the box has no face's shape.
 * `framings`: where the mesh cannot judge (a face too small for it, or one it cannot fit), the detector's
 * finding the face again, or not, in other framings of it decided.
 */
export const FaceCheckSchema = z.object({
  kept: z.boolean(),
  by: z.enum(['face', 'framings', 'low_score', 'mesh', 'shape']),
  /** The face mesh's confidence, 0–1 (absent when the detector's score alone ruled the candidate out). */
  mesh: z.number().min(0).max(1).optional()
});
export type FaceCheck = z.infer<typeof FaceCheckSchema>;

/** A face candidate; `check` is absent where no second check ran (then the score alone decides). */
export const FaceSchema = ScoredBoxSchema.extend({ check: FaceCheckSchema.optional() });
export type Face = z.infer<typeof FaceSchema>;

export const DetectedObjectSchema = ScoredBoxSchema.extend({ label: z.string() });
export type DetectedObject = z.infer<typeof DetectedObjectSchema>;

export const DetectionTasksSchema = z.object({
  faces: z.boolean().default(true),
  objects: z.boolean().default(false)
});
export type DetectionTasks = z.infer<typeof DetectionTasksSchema>;

/** Boxes are in pixels of the upright (EXIF-oriented) source image, whatever size detection ran at. */
export const DetectionSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  faces: z.array(ScoredBoxSchema),
  objects: z.array(DetectedObjectSchema),
  /** Milliseconds spent in the model(s), excluding decoding. */
  ms: z.number().nonnegative()
});
export type Detection = z.infer<typeof DetectionSchema>;

/** Scale that brings the long side down to `maxSide` (never up): detectors gain nothing from more pixels. */
export function workingScale(width: number, height: number, maxSide: number): number {
  return Math.min(1, maxSide / Math.max(width, height));
}

/** The whole-pixel size an image is brought to for detection (see `workingScale`). */
export function workingSize(
  width: number,
  height: number,
  maxSide: number
): { width: number; height: number } {
  const scale = workingScale(width, height, maxSide);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** BlazeFace's square box is wider than a face seen from the front (0.66–1.0 of it on the fixtures). */
const HEAD_WIDTH = 0.85;

/**
 * BlazeFace (at scale 1) boxes the face from the brows to the chin in a square; a crop must also keep the
 * forehead and hair above it, so the box is grown upwards by a quarter of its height (clamped to the
 * image) and narrowed to a face's proportions.
 */
export function headBox(face: Box, bounds: { width: number; height: number }): Box {
  const top = Math.max(0, face.y - 0.25 * face.height);
  const bottom = Math.min(bounds.height, face.y + face.height);
  const width = HEAD_WIDTH * face.width;
  return { x: face.x + (face.width - width) / 2, y: top, width, height: bottom - top };
}
