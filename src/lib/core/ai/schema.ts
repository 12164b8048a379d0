import { z } from 'zod';
import { ImageErrorShapeSchema } from '$core/errors/image-error';

export const UpscaleModelSchema = z.enum(['slim', 'medium']);
export type UpscaleModel = z.infer<typeof UpscaleModelSchema>;

export const UpscaleOptionsSchema = z.object({
  scale: z.union([z.literal(2), z.literal(4)]),
  model: UpscaleModelSchema.default('slim')
});
export type UpscaleOptions = z.infer<typeof UpscaleOptionsSchema>;
export type UpscaleOptionsInput = z.input<typeof UpscaleOptionsSchema>;

/** The catalog id of the model that runs an upscale (×4 is the ×4 model in one pass: see docs/performance.md). */
export const upscaleModelId = ({ scale, model }: UpscaleOptions) => `esrgan-${model}-x${scale}`;

export const HexColourSchema = z.string().regex(/^#[0-9a-f]{6}$/i, 'A colour is #rrggbb.');

/** Blur radius at the far edge, in steps of 0.4 % of the long side (5 → 2 %: 40 px on a 2000 px photo). */
export const BlurStrengthSchema = z.number().min(1).max(10);

/** What replaces the background behind the person. A photo's bytes travel beside the options. */
export const BackgroundSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('transparent') }),
  z.object({ kind: z.literal('colour'), colour: HexColourSchema }),
  z.object({ kind: z.literal('photo') }),
  z.object({ kind: z.literal('blur'), strength: BlurStrengthSchema.default(5) })
]);
export type Background = z.infer<typeof BackgroundSchema>;
export type BackgroundInput = z.input<typeof BackgroundSchema>;

export const CutoutFormatSchema = z.enum(['png', 'webp']);
export type CutoutFormat = z.infer<typeof CutoutFormatSchema>;

export const CutoutOptionsSchema = z.object({
  background: BackgroundSchema.default({ kind: 'transparent' }),
  format: CutoutFormatSchema.default('png')
});
export type CutoutOptions = z.infer<typeof CutoutOptionsSchema>;
export type CutoutOptionsInput = z.input<typeof CutoutOptionsSchema>;

/** Milliseconds spent in each step of one on-device operation. */
export const DeviceTimingsSchema = z.object({
  decode: z.number().nonnegative(),
  model: z.number().nonnegative(),
  refine: z.number().nonnegative().optional(),
  encode: z.number().nonnegative(),
  total: z.number().nonnegative()
});
export type DeviceTimings = z.infer<typeof DeviceTimingsSchema>;

/** One encoded result of an on-device operation. */
export const DeviceResultSchema = z.object({
  bytes: z.instanceof(Uint8Array),
  mime: z.enum(['image/png', 'image/webp', 'image/jpeg']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  ms: DeviceTimingsSchema
});
export type DeviceResult = z.infer<typeof DeviceResultSchema>;

/** `image-studio cutout|upscale --json`: one line per output, one per file that failed. */
export const DeviceReportSchema = z.object({
  outputs: z.array(
    z.object({
      source: z.string(),
      file: z.string(),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      bytes: z.number().int().positive(),
      ms: DeviceTimingsSchema
    })
  ),
  failures: z.array(z.object({ source: z.string(), error: ImageErrorShapeSchema }))
});
export type DeviceReport = z.infer<typeof DeviceReportSchema>;

/** The Library's record of an on-device operation (the version's op and params). */
export const deviceOperations = {
  cutout: 'device.remove-background',
  blur: 'device.blur-background',
  replace: 'device.replace-background',
  upscale: 'device.upscale'
} as const;
