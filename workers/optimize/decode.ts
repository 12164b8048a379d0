/// <reference lib="webworker" />
import { ImageError } from '$core/errors/image-error';
import { checkSource } from '$core/image/check-source';
import type { DecodableFormat } from '$core/image/format';
import { readHeaderSize } from '$core/image/header';
import { exifOrientation, isPlainSrgbJpeg } from '$core/image/jpeg-segments';

// The browser's decoders, for the optimize workers and for the page that decodes once for all of them (see
// `decodeShared`). Apart from browser-codec.ts, so the page's bundle does not carry the workers' resizer.

/**
 * The worker's source canvas and its RGBA, kept for the next source up to this size (48 MB each for 12 MP):
 * fresh memory is what an export spends most on where first touching a page is dear (on the 2-core VM of
 * bench/optimize, 10–25 µs a page). The worker, and with it these, goes after a minute idle.
 */
export const KEEP_SOURCE_PIXELS = 25_000_000;

/** Formats Chromium cannot decode; magick-wasm (loaded only when needed) reads them. */
const magickOnly: ReadonlySet<DecodableFormat> = new Set(['heic', 'tiff', 'jxl']);
export const browserDecodes = (format: DecodableFormat): boolean => !magickOnly.has(format);

/**
 * An upright plain JPEG (no ICC profile, no EXIF rotation) through WebCodecs: the planes as stored (18 MB for
 * 12 MP at 4:2:0, where RGBA takes 48), in 70 ms where `createImageBitmap` took 170–240 on the bench machine
 * (docs/performance.md). A frame only reports EXIF orientation, so rotated photos take the bitmap path.
 * Undefined for those, for other files and without WebCodecs.
 */
export async function decodeYuv(bytes: Uint8Array): Promise<VideoFrame | undefined> {
  const size = readHeaderSize(bytes);
  const fits = size !== undefined && size.width * size.height <= KEEP_SOURCE_PIXELS;
  if (typeof ImageDecoder === 'undefined' || !fits || !isPlainSrgbJpeg(bytes) || exifOrientation(bytes) > 1) {
    return undefined;
  }
  const decoder = new ImageDecoder({ data: bytes, type: 'image/jpeg' });
  try {
    const { image } = await decoder.decode();
    return image;
  } catch {
    throw new ImageError('corrupt_image', 'This image is damaged and cannot be decoded.');
  } finally {
    decoder.close();
  }
}

/** The browser's decoder, upright and in sRGB; a damaged file is a `corrupt_image`. */
export async function decodeBitmap(bytes: Uint8Array): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(new Blob([bytes as BlobPart]), {
      imageOrientation: 'from-image',
      colorSpaceConversion: 'default'
    });
  } catch {
    throw new ImageError('corrupt_image', 'This image is damaged and cannot be decoded.');
  }
}

/**
 * Decodes once for `copies` workers, on any thread (the browser decodes off the calling thread), as video
 * frames: a frame's clone shares its pixels across threads, where transferring a second ImageBitmap of the
 * same pixels copies them (~30 ms for 12 MP, while every worker waits). Undefined for formats only
 * magick-wasm reads, or without WebCodecs: each worker then decodes its own.
 */
export async function decodeShared(bytes: Uint8Array, copies: number): Promise<VideoFrame[] | undefined> {
  if (typeof VideoFrame === 'undefined' || !browserDecodes(checkSource(bytes))) return undefined;
  let frame = await decodeYuv(bytes);
  if (!frame) {
    const bitmap = await decodeBitmap(bytes);
    frame = new VideoFrame(bitmap, { timestamp: 0 });
    bitmap.close();
  }
  return [frame, ...Array.from({ length: copies - 1 }, () => frame.clone())];
}
