import { z } from 'zod';
import { MaxEnlargementSchema } from '../crop/schema';
import { CropWarningSchema } from '../crop/warnings';
import { ImageErrorShapeSchema } from '../errors/image-error';
import { EncodableFormatSchema } from '../image/operations';
import {
  CropStrategySchema,
  FitModeSchema,
  HexColorSchema,
  PixelRectSchema,
  PointSchema,
  ResolvedCropSchema
} from '../crop/schema';
import { PlatformPresetSchema } from '../platforms/schema';
import { BoxSchema, DetectedObjectSchema, FaceSchema } from '../vision/detection';

export { PixelRectSchema, PointSchema, type PixelRect } from '../crop/schema';

/** Where a focal point came from, strongest first. */
export const FocalSourceSchema = z.enum(['user', 'faces', 'subject', 'saliency', 'centre']);

export const FocalSchema = PointSchema.extend({ source: FocalSourceSchema });
export type Focal = z.infer<typeof FocalSchema>;

export const DetectionsSchema = z.object({
  /** Every candidate with its score and the check that kept or dropped it; crops act on the kept ones. */
  faces: z.array(FaceSchema),
  objects: z.array(DetectedObjectSchema)
});
export type Detections = z.infer<typeof DetectionsSchema>;

/** `analyze(bytes)`: what the crop choice needs to know about one image. */
export const AnalysisSchema = z.object({
  /** After EXIF orientation. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  detections: DetectionsSchema,
  focal: FocalSchema,
  /** Milliseconds in the detectors (faces + objects + saliency), excluding decoding. */
  ms: z.number().nonnegative()
});
export type Analysis = z.infer<typeof AnalysisSchema>;

/**
 * One output of `optimize`. The preset travels whole (built-in or the user's own) so workers and the CLI need
 * no catalogue lookup. Without `quality`, a preset or request `maxBytes` makes the encoder search the highest
 * quality that fits; with neither, quality 82.
 */
export const OutputRequestSchema = z.object({
  preset: PlatformPresetSchema,
  /**
   * The crop decision the page already made with `resolveCrop` (what its preview shows): cut exactly this.
   * Without it the optimizer calls `resolveCrop` itself, once, as the CLI does.
   */
  resolved: ResolvedCropSchema.optional(),
  /** The user's crop for this preset, in source pixels; otherwise the crop is chosen from the detections. */
  crop: PixelRectSchema.optional(),
  fit: FitModeSchema.default('cover'),
  /** The padding colour for `pad-color`; black when not given. */
  color: HexColorSchema.optional(),
  /** Defaults to the preset's preferred format. */
  format: EncodableFormatSchema.optional(),
  quality: z.number().int().min(1).max(100).optional(),
  /** Overrides the preset's limit. */
  maxBytes: z.number().int().positive().optional(),
  /**
   * Keep the source's copyright notice and author (EXIF Copyright/Artist) in JPEG and PNG outputs. GPS,
   * camera and every other field are dropped regardless; colours are always converted to sRGB, so no
   * profile is needed (untagged sRGB is what the web assumes).
   */
  keepMetadata: z.boolean().default(false)
});
export type OutputRequest = z.infer<typeof OutputRequestSchema>;
export type OutputRequestInput = z.input<typeof OutputRequestSchema>;

export const OptimizeOptionsSchema = z.object({
  /** Shown in results (`source`); a file name, never read from disk. */
  name: z.string().default('image'),
  /** A previous `analyze` result for these bytes: skips detection. */
  analysis: AnalysisSchema.optional(),
  /**
   * The user's focal point, in source pixels: every preset without a crop is placed around it, as far as
   * keeping the faces inside allows.
   */
  focal: PointSchema.optional(),
  /** Detected boxes the user dismissed ("not a face"), and faces they drew, in source pixels. */
  dismissed: z.array(BoxSchema).default([]),
  added: z.array(BoxSchema).default([]),
  /** How far a crop tightened to clear faces of a platform's UI may enlarge the source (1: not at all). */
  maxEnlargement: MaxEnlargementSchema.default(1),
  /** Skip detection altogether (centre crops unless a focal point or crop is given). */
  detect: z.boolean().default(true)
});
export type OptimizeOptions = z.infer<typeof OptimizeOptionsSchema>;
export type OptimizeOptionsInput = z.input<typeof OptimizeOptionsSchema>;

export const outputWarningCodes = ['upscaled', 'over_budget', 'metadata_not_kept'] as const;

export const OutputWarningSchema = z.union([
  CropWarningSchema,
  z.object({ code: z.enum(outputWarningCodes), message: z.string() })
]);
export type OutputWarning = z.infer<typeof OutputWarningSchema>;

/** Per output: the record the UI shows, the CLI prints with `--json`, and the ZIP is named from. */
export const OptimizeResultSchema = z.object({
  source: z.string(),
  preset: z.string(),
  crop: PixelRectSchema,
  cropStrategy: CropStrategySchema,
  fit: FitModeSchema,
  /** Where the crop lands in the output (all of it for `cover`), in output pixels. */
  placement: PixelRectSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  format: EncodableFormatSchema,
  /** The quality the encoder used (the searched one under a byte budget); null for PNG. */
  quality: z.number().int().min(1).max(100).nullable(),
  detections: DetectionsSchema,
  warnings: z.array(OutputWarningSchema),
  /** Set when the crop was zoomed in to clear faces of the platform's UI (the card's note, in the manifest too). */
  zoom: ResolvedCropSchema.shape.zoom
});
export type OptimizeResult = z.infer<typeof OptimizeResultSchema>;

/** A source that could not be processed: the batch goes on without it. */
export const SourceFailureSchema = z.object({ source: z.string(), error: ImageErrorShapeSchema });

/** The CLI's `--json` output. */
export const OptimizeReportSchema = z.object({
  outputs: z.array(OptimizeResultSchema.extend({ file: z.string() })),
  failures: z.array(SourceFailureSchema)
});
export type OptimizeReport = z.infer<typeof OptimizeReportSchema>;

/** What `optimize` hands back: one entry per request, in order, with its encoded bytes. */
export interface OptimizedOutput {
  result: OptimizeResult;
  bytes: Uint8Array;
}
