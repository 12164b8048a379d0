/// <reference lib="webworker" />
import { ImageError } from '$core/errors/image-error';
import type { Rect, Size } from '$core/geometry/rect';
import type { DecodableFormat, EncodableFormat } from '$core/image/format';
import { mimeTypes } from '$core/image/format';
import { isPlainSrgbJpeg } from '$core/image/jpeg-segments';
import { rgbaToRgb } from '$core/image/pixels';
import { workingSize } from '$core/vision/detection';
import type { Codec, DecodedImage, RenderedImage, RenderOptions } from './codec';
import { checkSource } from '$core/image/check-source';

function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const context = canvas.getContext('2d', { willReadFrequently: false });
  if (!context) throw new ImageError('processing_failed', 'No 2D canvas in this worker.');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  return context;
}

/**
 * Chromium's 'high' smoothing filters through mipmaps when reducing, so one draw does not alias on fine
 * patterns (bench/optimize measures it against sharp's Lanczos3: SSIM ≥ 0.98).
 */
function drawScaled(
  source: CanvasImageSource,
  crop: Rect,
  size: Size,
  context: OffscreenCanvasRenderingContext2D
): void {
  context.drawImage(source, crop.x, crop.y, crop.width, crop.height, 0, 0, size.width, size.height);
}

/**
 * The same 'high' filter as a canvas draw (same pixels), but about three times faster: the bitmap path
 * scales the crop alone instead of drawing through the whole source's mipmaps.
 */
function scaleBitmap(source: ImageBitmap, crop: Rect, size: Size): Promise<ImageBitmap> {
  return createImageBitmap(source, crop.x, crop.y, crop.width, crop.height, {
    resizeWidth: size.width,
    resizeHeight: size.height,
    resizeQuality: 'high'
  });
}

class CanvasRendered implements RenderedImage {
  constructor(readonly canvas: OffscreenCanvas) {}

  get width() {
    return this.canvas.width;
  }

  get height() {
    return this.canvas.height;
  }

  async encode(format: EncodableFormat, quality: number): Promise<Uint8Array> {
    const blob = await this.canvas.convertToBlob({ type: mimeTypes[format], quality: quality / 100 });
    // A browser that cannot write the format silently falls back to PNG; that must not pass as success.
    if (blob.type !== mimeTypes[format]) {
      throw new ImageError('invalid_options', `This browser cannot write ${format.toUpperCase()}.`);
    }
    return new Uint8Array(await blob.arrayBuffer());
  }

  async rgba(): Promise<Uint8Array> {
    // The canvas may hold a bitmap renderer, which cannot be read: read a 2D copy.
    const copy = context2d(new OffscreenCanvas(this.width, this.height));
    copy.drawImage(this.canvas, 0, 0);
    const data = copy.getImageData(0, 0, this.width, this.height).data;
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  dispose(): void {
    this.canvas.width = 0;
    this.canvas.height = 0;
  }
}

class BitmapImage implements DecodedImage {
  /**
   * `plain`: an sRGB source without alpha. Only then may scaled pixels go to the encoder untouched: a
   * bitmap with an embedded profile is converted to sRGB when drawn on a 2D canvas, not before.
   */
  constructor(
    readonly bitmap: ImageBitmap,
    readonly plain: boolean
  ) {}

  get width() {
    return this.bitmap.width;
  }

  get height() {
    return this.bitmap.height;
  }

  async rgb(maxSide: number) {
    const size = workingSize(this.width, this.height, maxSide);
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = context2d(canvas);
    drawScaled(this.bitmap, { x: 0, y: 0, width: this.width, height: this.height }, size, context);
    const pixels = { data: rgbaToRgb(context.getImageData(0, 0, size.width, size.height).data), ...size };
    return { pixels, scale: size.width / this.width };
  }

  async render(crop: Rect, size: Size, options: RenderOptions): Promise<RenderedImage> {
    const canvas = new OffscreenCanvas(size.width, size.height);
    const scaled = await scaleBitmap(this.bitmap, crop, size);
    if (this.plain) {
      // Handing the bitmap over costs no copy and no draw; a 2D canvas costs both (~20% of the export).
      canvas.getContext('bitmaprenderer')?.transferFromImageBitmap(scaled);
      return new CanvasRendered(canvas);
    }
    const context = context2d(canvas);
    if (options.flatten) {
      context.fillStyle = '#fff';
      context.fillRect(0, 0, size.width, size.height);
    }
    context.drawImage(scaled, 0, 0);
    scaled.close();
    return new CanvasRendered(canvas);
  }

  dispose(): void {
    this.bitmap.close();
  }
}

/** Formats Chromium cannot decode; magick-wasm (loaded only when needed) reads them. */
const magickOnly: ReadonlySet<DecodableFormat> = new Set(['heic', 'tiff', 'jxl']);
export const browserDecodes = (format: DecodableFormat): boolean => !magickOnly.has(format);

/**
 * Decodes once for `copies` workers, on any thread (the browser decodes a Blob off the calling thread), and
 * wraps the pixels in video frames: a frame's clone shares its pixels across threads, where transferring a
 * second ImageBitmap of the same pixels copies them (~30 ms for 12 MP, while every worker waits). Undefined
 * for formats only magick-wasm reads, or without WebCodecs: each worker then decodes its own.
 */
export async function decodeShared(bytes: Uint8Array, copies: number): Promise<VideoFrame[] | undefined> {
  if (typeof VideoFrame === 'undefined' || !browserDecodes(checkSource(bytes))) return undefined;
  const bitmap = await decodeBitmap(bytes);
  const frame = new VideoFrame(bitmap, { timestamp: 0 });
  bitmap.close();
  return [frame, ...Array.from({ length: copies - 1 }, () => frame.clone())];
}

/** A frame from `decodeShared` (a bitmap over the same pixels, no copy), with the encoders that go with it. */
export async function decodedFrame(frame: VideoFrame, bytes: Uint8Array) {
  try {
    return {
      image: new BitmapImage(await createImageBitmap(frame), isPlainSrgbJpeg(bytes)),
      codec: browserCodec
    };
  } finally {
    frame.close();
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
 * The browser's own decoder, scaler and encoders: the fastest path in a worker. The decoder applies EXIF
 * orientation and converts embedded colour profiles (and CMYK) to sRGB; canvas scaling works on
 * premultiplied alpha, so transparent edges do not darken.
 */
export const browserCodec: Codec = {
  name: 'browser',
  encodes: ['jpeg', 'png', 'webp'],
  async decode(bytes: Uint8Array): Promise<DecodedImage> {
    return new BitmapImage(await decodeBitmap(bytes), isPlainSrgbJpeg(bytes));
  }
};
