import { composite } from '$core/ai/compose';
import type { Rgba } from '$core/ai/raster';
import {
  CutoutOptionsSchema,
  UpscaleOptionsSchema,
  type CutoutOptionsInput,
  type DeviceResult,
  type UpscaleOptionsInput
} from '$core/ai/schema';
import { assertDecodable } from '$core/image/decodable';
import { readHeaderSize } from '$core/image/header';
import { assertIntact } from '$core/image/integrity';
import { assertPixelBudget } from '$core/image/limits';
import type { Engine, TileProgress } from './engine';

export type EncodeMime = DeviceResult['mime'];

/** How a platform turns bytes into upright RGBA and back (the browser's canvas, or sharp under Node). */
export interface Codec {
  decode(bytes: Uint8Array): Promise<Rgba>;
  /** Decoded, scaled and centre-cropped to cover exactly `width`×`height`. */
  decodeCovering(bytes: Uint8Array, width: number, height: number): Promise<Rgba>;
  encode(image: Rgba, mime: EncodeMime): Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * Refuses what no decoder should be handed (not an image, cut short, a decompression bomb) before decoding it:
 * the browser decodes a damaged file without complaint.
 */
async function decodeChecked(codec: Codec, bytes: Uint8Array): Promise<Rgba> {
  assertIntact(bytes, assertDecodable(bytes));
  const size = readHeaderSize(bytes);
  if (size) assertPixelBudget(size.width, size.height);
  return codec.decode(bytes);
}

/** Removes, blurs or replaces the background behind the person in a photo. */
export async function cutout(
  engine: Engine,
  codec: Codec,
  bytes: Uint8Array,
  input: CutoutOptionsInput = {},
  photo?: Uint8Array
): Promise<DeviceResult> {
  const options = CutoutOptionsSchema.parse(input);
  const started = performance.now();
  const image = await decodeChecked(codec, bytes);
  const decoded = performance.now();
  const matte = await engine.segmentPerson(image);
  const refined = performance.now();
  const fitted =
    options.background.kind === 'photo'
      ? await codec.decodeCovering(photo ?? new Uint8Array(), image.width, image.height)
      : undefined;
  composite(image, matte, options.background, fitted);
  const composed = performance.now();
  const mime: EncodeMime = `image/${options.format}`;
  const encoded = await codec.encode(image, mime);
  const done = performance.now();
  return {
    bytes: encoded,
    mime,
    width: image.width,
    height: image.height,
    ms: {
      decode: decoded - started,
      model: matte.ms.model,
      refine: matte.ms.refine + (composed - refined),
      encode: done - composed,
      total: done - started
    }
  };
}

/** The photo ×2 or ×4, as PNG (JPEG stays JPEG, at a high quality, so a 48 MP result stays a sane size). */
export async function upscale(
  engine: Engine,
  codec: Codec,
  bytes: Uint8Array,
  input: UpscaleOptionsInput,
  onProgress?: (progress: TileProgress) => void,
  signal?: AbortSignal
): Promise<DeviceResult> {
  const options = UpscaleOptionsSchema.parse(input);
  const started = performance.now();
  const format = assertDecodable(bytes);
  const image = await decodeChecked(codec, bytes);
  const decoded = performance.now();
  const result = await engine.upscale(image, options, onProgress, signal);
  const upscaled = performance.now();
  const mime: EncodeMime = format === 'jpeg' ? 'image/jpeg' : 'image/png';
  const encoded = await codec.encode(result, mime);
  const done = performance.now();
  return {
    bytes: encoded,
    mime,
    width: result.width,
    height: result.height,
    ms: {
      decode: decoded - started,
      model: upscaled - decoded,
      encode: done - upscaled,
      total: done - started
    }
  };
}
