/// <reference lib="webworker" />
import { ImageError } from '$core/errors/image-error';
import type { Rect, Size } from '$core/geometry/rect';
import type { DecodableFormat, EncodableFormat } from '$core/image/format';
import { mimeTypes } from '$core/image/format';
import { isPlainSrgbJpeg } from '$core/image/jpeg-segments';
import { rgbaToRgb } from '$core/image/pixels';
import { workingSize } from '$core/vision/detection';
import type { Codec, DecodedImage, RenderedImage, RenderOptions } from './codec';

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

/**
 * A scaled output: the scaled bitmap itself (from a plain source) or the 2D canvas it was drawn on. A bitmap
 * reaches the encoder without a copy or a draw (a 2D canvas costs both, ~20% of the export), and can be
 * handed to another worker to encode.
 */
class BrowserRendered implements RenderedImage {
  constructor(private pixels: ImageBitmap | OffscreenCanvas) {}

  get width() {
    return this.pixels.width;
  }

  get height() {
    return this.pixels.height;
  }

  async encode(format: EncodableFormat, quality: number): Promise<Uint8Array> {
    if (this.pixels instanceof ImageBitmap) {
      const canvas = new OffscreenCanvas(this.width, this.height);
      canvas.getContext('bitmaprenderer')?.transferFromImageBitmap(this.pixels);
      this.pixels = canvas;
    }
    const blob = await this.pixels.convertToBlob({ type: mimeTypes[format], quality: quality / 100 });
    // A browser that cannot write the format silently falls back to PNG; that must not pass as success.
    if (blob.type !== mimeTypes[format]) {
      throw new ImageError('invalid_options', `This browser cannot write ${format.toUpperCase()}.`);
    }
    return new Uint8Array(await blob.arrayBuffer());
  }

  async rgba(): Promise<Uint8Array> {
    // A bitmap renderer's canvas cannot be read: read a 2D copy.
    const copy = context2d(new OffscreenCanvas(this.width, this.height));
    copy.drawImage(this.pixels, 0, 0);
    const data = copy.getImageData(0, 0, this.width, this.height).data;
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  /** The pixels as a bitmap to transfer, without a copy; this image is spent. */
  take(): ImageBitmap {
    const { pixels } = this;
    if (pixels instanceof ImageBitmap) return pixels;
    return pixels.transferToImageBitmap();
  }

  dispose(): void {
    if (this.pixels instanceof ImageBitmap) this.pixels.close();
    else this.pixels.width = this.pixels.height = 0;
  }
}

/** A scaled output as a bitmap another worker can take over (see `renderedFromBitmap`). */
export function takeBitmap(rendered: RenderedImage): ImageBitmap {
  if (!(rendered instanceof BrowserRendered)) {
    throw new ImageError('processing_failed', 'Only the browser’s own scaled images can change workers.');
  }
  return rendered.take();
}

/** A bitmap from `takeBitmap`, ready for the browser's encoders. */
export const renderedFromBitmap = (bitmap: ImageBitmap): RenderedImage => new BrowserRendered(bitmap);

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
    const scaled = await scaleBitmap(this.bitmap, crop, size);
    if (this.plain) return new BrowserRendered(scaled);
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = context2d(canvas);
    if (options.flatten) {
      context.fillStyle = '#fff';
      context.fillRect(0, 0, size.width, size.height);
    }
    context.drawImage(scaled, 0, 0);
    scaled.close();
    return new BrowserRendered(canvas);
  }

  dispose(): void {
    this.bitmap.close();
  }
}

/** Formats Chromium cannot decode; magick-wasm (loaded only when needed) reads them. */
const magickOnly: ReadonlySet<DecodableFormat> = new Set(['heic', 'tiff', 'jxl']);
export const browserDecodes = (format: DecodableFormat): boolean => !magickOnly.has(format);

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
