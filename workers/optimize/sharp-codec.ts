import sharp, { type Sharp } from 'sharp';
import { ImageError } from '$core/errors/image-error';
import type { Rect, Size } from '$core/geometry/rect';
import type { EncodableFormat } from '$core/image/format';
import { MAX_PIXELS } from '$core/image/limits';
import { workingSize } from '$core/vision/detection';
import type { Codec, DecodedImage, RenderedImage, RenderOptions } from './codec';

interface Raw {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

const fromRaw = (raw: Raw): Sharp =>
  sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });

function encoder(image: Sharp, format: EncodableFormat, quality: number): Sharp {
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality });
    case 'webp':
      return image.webp({ quality });
    case 'avif':
      return image.avif({ quality });
    case 'png':
      return image.png({ compressionLevel: 9, adaptiveFiltering: true });
  }
}

/**
 * A crop-and-resize still to run: each encode runs decode-free extract → Lanczos3 → encode as one libvips
 * pipeline from the decoded pixels, which is what sharp itself does fastest.
 */
class SharpRendered implements RenderedImage {
  constructor(
    readonly source: Raw,
    readonly crop: Rect,
    readonly size: Size,
    readonly options: RenderOptions
  ) {}

  get width() {
    return this.size.width;
  }

  get height() {
    return this.size.height;
  }

  #pipeline(): Sharp {
    const { crop, size } = this;
    const image = fromRaw(this.source)
      .extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height })
      .resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' });
    return this.options.flatten ? image.flatten({ background: '#fff' }) : image;
  }

  async encode(format: EncodableFormat, quality: number): Promise<Uint8Array> {
    return new Uint8Array(await encoder(this.#pipeline(), format, quality).toBuffer());
  }

  async rgba(): Promise<Uint8Array> {
    return new Uint8Array(await this.#pipeline().ensureAlpha().raw().toBuffer());
  }

  dispose(): void {}
}

class SharpDecoded implements DecodedImage {
  constructor(readonly raw: Raw) {}

  get width() {
    return this.raw.width;
  }

  get height() {
    return this.raw.height;
  }

  async rgb(maxSide: number) {
    const { width, height } = workingSize(this.width, this.height, maxSide);
    const data = await fromRaw(this.raw)
      .resize(width, height, { fit: 'fill', kernel: 'linear' })
      .flatten({ background: '#fff' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer();
    // A view, not a copy: the detector only reads it, and the copy is a frame of fresh memory to fault in.
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return { pixels: { data: pixels, width, height }, scale: width / this.width };
  }

  async render(crop: Rect, size: Size, options: RenderOptions): Promise<RenderedImage> {
    return new SharpRendered(this.raw, crop, size, options);
  }

  dispose(): void {}
}

/** How many optimizations keep encodes to one thread, and libvips's thread count before the first. */
const aside = { count: 0, threads: 0 };

/** libvips through sharp: the Node host (CLI, tests, bench). Decodes to sRGB once, with EXIF orientation applied. */
export const sharpCodec: Codec = {
  name: 'sharp',
  encodes: ['jpeg', 'png', 'webp', 'avif'],
  // One libvips thread per pipeline: sharp's default with glibc's allocator (Linux without jemalloc), one per
  // core elsewhere. The optimizer's one early encode at a time is what leaves detection its core; this keeps
  // that one encode from spreading over every core where the default is higher. libvips reads the count when a
  // pipeline starts, so the pipelines already running keep theirs. Counted: with optimizations overlapping,
  // the last undo restores the count from before the first.
  encodeAside() {
    if (aside.count++ === 0) {
      aside.threads = sharp.concurrency();
      sharp.concurrency(1);
    }
    let undone = false;
    return () => {
      if (undone) return;
      undone = true;
      if (--aside.count === 0) sharp.concurrency(aside.threads);
    };
  },
  async decode(bytes: Uint8Array): Promise<DecodedImage> {
    try {
      const { data, info } = await sharp(bytes, { failOn: 'warning', limitInputPixels: MAX_PIXELS, pages: 1 })
        .rotate()
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      return new SharpDecoded({ data, width: info.width, height: info.height, channels: info.channels });
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new ImageError('corrupt_image', `This image is damaged and cannot be decoded (${detail}).`);
    }
  }
};
