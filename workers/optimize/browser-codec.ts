/// <reference lib="webworker" />
import { ImageError } from '$core/errors/image-error';
import type { Rect, Size } from '$core/geometry/rect';
import type { EncodableFormat } from '$core/image/format';
import { mimeTypes } from '$core/image/format';
import { exifOrientation, isPlainSrgbJpeg } from '$core/image/jpeg-segments';
import { rgbaToRgb } from '$core/image/pixels';
import { workingSize } from '$core/vision/detection';
import type { Codec, DecodedImage, RenderedImage, RenderOptions } from './codec';
import { loadJpegEncoder } from './jpeg/jpeg';
import { loadLanczos, type LanczosResizer } from './lanczos/lanczos';
import { decodeBitmap, decodeYuv, KEEP_SOURCE_PIXELS } from './decode';

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
 * The same 'high' filter as a canvas draw, but faster and closer to sharp's Lanczos3 (bench/optimize: mean SSIM
 * 0.9899 against 0.9894 for a draw into a kept canvas): the bitmap path scales the crop alone.
 */
function scaleBitmap(source: ImageBitmap | OffscreenCanvas, crop: Rect, size: Size): Promise<ImageBitmap> {
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

/**
 * Output pixels kept by size while the worker lives, up to this many pixels in all (64 MB): the bench's 12
 * presets take 15.4 MP. A fresh buffer per output is memory first touched per export (see `KEEP_SOURCE_PIXELS`).
 */
const KEEP_OUTPUT_PIXELS = 16_000_000;
const outputBuffers = new Map<string, { pixels: Uint8ClampedArray<ArrayBuffer>; busy: boolean }>();
let keptOutputPixels = 0;

/**
 * Scaled opaque RGBA, copied out of the resizer's memory (the next resize reuses it) into a buffer kept for the
 * next output of that size when there is room. A JPEG is written by the WASM encoder from these pixels; other
 * formats by a canvas.
 */
class PixelsRendered implements RenderedImage {
  private readonly pixels: Uint8ClampedArray<ArrayBuffer>;
  private readonly release?: () => void;

  constructor(
    scaled: Uint8ClampedArray<ArrayBuffer>,
    readonly width: number,
    readonly height: number
  ) {
    const key = `${width}x${height}`;
    let slot = outputBuffers.get(key);
    if (!slot && keptOutputPixels + width * height <= KEEP_OUTPUT_PIXELS) {
      slot = { pixels: new Uint8ClampedArray(width * height * 4), busy: false };
      outputBuffers.set(key, slot);
      keptOutputPixels += width * height;
    }
    const kept = slot && !slot.busy ? slot : undefined;
    this.pixels = kept?.pixels ?? new Uint8ClampedArray(width * height * 4);
    this.pixels.set(scaled);
    if (kept) {
      kept.busy = true;
      this.release = () => (kept.busy = false);
    }
  }

  async encode(format: EncodableFormat, quality: number): Promise<Uint8Array> {
    const jpeg = format === 'jpeg' ? await loadJpegEncoder() : undefined;
    try {
      if (jpeg) return jpeg.encode(this.pixels, this, quality);
    } catch (error) {
      // Its memory could not grow (a phone short of memory): the canvas's encoder may still manage.
      console.warn("The JPEG encoder failed, encoding with the browser's:", error);
    }
    const canvas = new OffscreenCanvas(this.width, this.height);
    context2d(canvas).putImageData(new ImageData(this.pixels, this.width, this.height), 0, 0);
    const rendered = new CanvasRendered(canvas);
    try {
      return await rendered.encode(format, quality);
    } finally {
      rendered.dispose();
    }
  }

  async rgba(): Promise<Uint8Array> {
    // A copy: the kept buffer goes to the next output of this size once this one is disposed.
    return new Uint8Array(this.pixels.buffer.slice(0, this.width * this.height * 4));
  }

  dispose(): void {
    this.release?.();
  }
}

/** What a decoded source draws from: a bitmap, or the worker's kept source canvas (see `sourceCanvas`). */
interface Source {
  readonly image: ImageBitmap | OffscreenCanvas;
  readonly width: number;
  readonly height: number;
  /** Holds the same pixels (an upright plain JPEG's), for outputs it can scale; see `sourceCanvas`. */
  readonly resizer?: LanczosResizer;
  release(): void;
}

class SourceImage implements DecodedImage {
  /**
   * `plain`: an sRGB source without alpha. Only then may scaled pixels go to the encoder untouched: a
   * bitmap with an embedded profile is converted to sRGB when drawn on a 2D canvas, not before.
   */
  constructor(
    readonly source: Source,
    readonly plain: boolean,
    /**
     * Scale by drawing: `createImageBitmap` crops a bitmap decoded with EXIF rotation from the stored,
     * unrotated pixels (Chromium 156; browser-codec.test.ts), a draw from the upright ones.
     */
    readonly rotated = false
  ) {}

  get width() {
    return this.source.width;
  }

  get height() {
    return this.source.height;
  }

  async rgb(maxSide: number) {
    const size = workingSize(this.width, this.height, maxSide);
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = context2d(canvas);
    drawScaled(this.source.image, { x: 0, y: 0, width: this.width, height: this.height }, size, context);
    const pixels = { data: rgbaToRgb(context.getImageData(0, 0, size.width, size.height).data), ...size };
    return { pixels, scale: size.width / this.width };
  }

  async render(crop: Rect, size: Size, options: RenderOptions): Promise<RenderedImage> {
    const pixels = this.plain ? this.source.resizer?.resize(crop, size) : undefined;
    if (pixels) return new PixelsRendered(pixels, size.width, size.height);
    const canvas = new OffscreenCanvas(size.width, size.height);
    if (this.rotated) {
      const context = context2d(canvas);
      if (options.flatten && !this.plain) {
        context.fillStyle = '#fff';
        context.fillRect(0, 0, size.width, size.height);
      }
      drawScaled(this.source.image, crop, size, context);
      return new CanvasRendered(canvas);
    }
    const scaled = await scaleBitmap(this.source.image, crop, size);
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
    this.source.release();
  }
}

const bitmapSource = (bitmap: ImageBitmap): Source => ({
  image: bitmap,
  width: bitmap.width,
  height: bitmap.height,
  release: () => bitmap.close()
});

interface SourceSlot {
  canvas: OffscreenCanvas;
  rgba: Uint8ClampedArray<ArrayBuffer>;
  busy: boolean;
}
let keptSource: SourceSlot | undefined;
/** The Lanczos resizer's memory holds one source at a time: a second source meanwhile scales as before. */
let resizerBusy = false;

/** A planar YUV frame (see `decodeYuv`) as RGBA on a 2D canvas, converted by the frame's own colour space. */
async function sourceCanvas(frame: VideoFrame): Promise<Source> {
  const { codedWidth: width, codedHeight: height } = frame;
  const length = width * height * 4;
  const keep = width * height <= KEEP_SOURCE_PIXELS;
  // Compiled while the first output scales: every scaled output is encoded by it when it is a JPEG.
  if (keep) void loadJpegEncoder();
  const lanczos = keep ? await loadLanczos() : undefined;
  const resizer = resizerBusy ? undefined : lanczos;
  if (resizer) resizerBusy = true;
  const slot: SourceSlot =
    keep && keptSource && !keptSource.busy
      ? keptSource
      : { canvas: new OffscreenCanvas(width, height), rgba: new Uint8ClampedArray(0), busy: false };
  if (keep) keptSource = slot;
  slot.busy = true;
  if (!resizer && slot.rgba.length < length) slot.rgba = new Uint8ClampedArray(length);
  const rgba = resizer ? resizer.source({ width, height }) : slot.rgba.subarray(0, length);
  await frame.copyTo(rgba, { format: 'RGBA', colorSpace: 'srgb' });
  // With the resizer, the canvas is filled only when an output needs a draw (an enlargement, a padded frame,
  // the working copy): an export of crops scales from the resizer's memory alone, and a 12 MP putImageData
  // per worker (48 MB first touched in a fresh worker) is saved.
  let painted = false;
  const paint = () => {
    if (painted) return slot.canvas;
    if (slot.canvas.width !== width || slot.canvas.height !== height) {
      Object.assign(slot.canvas, { width, height });
    }
    const context = slot.canvas.getContext('2d', { alpha: false });
    if (!context) throw new ImageError('processing_failed', 'No 2D canvas in this worker.');
    context.putImageData(new ImageData(resizer?.sourcePixels() ?? rgba, width, height), 0, 0);
    painted = true;
    return slot.canvas;
  };
  if (!resizer) paint();
  return {
    get image() {
      return paint();
    },
    width,
    height,
    resizer,
    release() {
      if (resizer) resizerBusy = false;
      slot.busy = false;
      if (!keep) Object.assign(slot.canvas, { width: 0, height: 0 });
    }
  };
}

/** Planar formats WebCodecs decodes a JPEG to. */
const planar: ReadonlySet<string> = new Set(['I420', 'I422', 'I444', 'NV12']);

/** A decoded source from a frame: planar YUV through the kept source canvas, anything else as a bitmap. */
async function frameSource(frame: VideoFrame): Promise<Source> {
  if (frame.format && planar.has(frame.format)) return sourceCanvas(frame);
  return bitmapSource(await createImageBitmap(frame));
}

/** A frame from `decodeShared`, with the encoders that go with it. */
export async function decodedFrame(frame: VideoFrame, bytes: Uint8Array) {
  try {
    const image = new SourceImage(
      await frameSource(frame),
      isPlainSrgbJpeg(bytes),
      exifOrientation(bytes) > 1
    );
    return { image, codec: browserCodec };
  } finally {
    frame.close();
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
    const frame = await decodeYuv(bytes);
    if (frame) return (await decodedFrame(frame, bytes)).image;
    const bitmap = await decodeBitmap(bytes);
    return new SourceImage(bitmapSource(bitmap), isPlainSrgbJpeg(bytes), exifOrientation(bytes) > 1);
  }
};
