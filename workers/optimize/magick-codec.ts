import {
  AlphaAction,
  ColorSpace,
  FilterType,
  MagickColors,
  MagickFormat,
  MagickGeometry,
  MagickImage,
  MagickReadSettings,
  Orientation,
  type IMagickImage
} from '@imagemagick/magick-wasm';
import type { Rect, Size } from '$core/geometry/rect';
import type { EncodableFormat } from '$core/image/format';
import { workingSize } from '$core/vision/detection';
import { decodeImage } from '../image/decode';
import { magickReady } from '../image/magick';
import type { Codec, DecodedImage, RenderedImage, RenderOptions } from './codec';

const magickFormats: Record<EncodableFormat, MagickFormat> = {
  jpeg: MagickFormat.Jpeg,
  png: MagickFormat.Png,
  webp: MagickFormat.WebP,
  avif: MagickFormat.Avif
};

const exactGeometry = (size: Size): MagickGeometry => {
  const geometry = new MagickGeometry(size.width, size.height);
  // The size is already fixed; magick must not re-derive it from the aspect ratio.
  geometry.ignoreAspectRatio = true;
  return geometry;
};

/** Encodes straight RGBA with magick-wasm (no metadata is carried: it reads bare pixels). */
async function encodeRgba(
  rgba: Uint8Array,
  size: Size,
  format: EncodableFormat,
  quality: number
): Promise<Uint8Array> {
  // As the fallback encoder of another codec, this may be the first magick call in the worker.
  await magickReady();
  const image = MagickImage.create();
  try {
    image.read(
      rgba,
      new MagickReadSettings({ format: MagickFormat.Rgba, width: size.width, height: size.height })
    );
    if (format === 'jpeg') image.alpha(AlphaAction.Remove);
    else if (format !== 'png' && !image.isOpaque) image.alpha(AlphaAction.On);
    image.quality = quality;
    return image.write(magickFormats[format], (data) => new Uint8Array(data));
  } finally {
    image.dispose();
  }
}

class RgbaRendered implements RenderedImage {
  constructor(
    readonly data: Uint8Array,
    readonly width: number,
    readonly height: number
  ) {}

  encode(format: EncodableFormat, quality: number): Promise<Uint8Array> {
    return encodeRgba(this.data, this, format, quality);
  }

  async rgba(): Promise<Uint8Array> {
    return this.data;
  }

  dispose(): void {}
}

class MagickDecoded implements DecodedImage {
  constructor(readonly image: IMagickImage) {}

  get width() {
    return this.image.width;
  }

  get height() {
    return this.image.height;
  }

  async rgb(maxSide: number) {
    const size = workingSize(this.width, this.height, maxSide);
    return this.image.clone((copy) => {
      if (size.width < this.width) copy.resize(exactGeometry(size), FilterType.Triangle);
      copy.backgroundColor = MagickColors.White;
      copy.alpha(AlphaAction.Remove);
      const data = copy.write(MagickFormat.Rgb, (raw) => new Uint8Array(raw));
      return { pixels: { data, ...size }, scale: size.width / this.width };
    });
  }

  async render(crop: Rect, size: Size, options: RenderOptions): Promise<RenderedImage> {
    const geometry = new MagickGeometry(crop.x, crop.y, crop.width, crop.height);
    return this.image.cloneArea(geometry, (copy) => {
      copy.resize(exactGeometry(size), FilterType.Lanczos);
      if (options.flatten) {
        copy.backgroundColor = MagickColors.White;
        copy.alpha(AlphaAction.Remove);
      }
      copy.alpha(AlphaAction.Set);
      const data = copy.write(MagickFormat.Rgba, (raw) => new Uint8Array(raw));
      return new RgbaRendered(data, copy.width, copy.height);
    });
  }

  dispose(): void {
    this.image.dispose();
  }
}

/**
 * magick-wasm: slower than the browser's own codecs, but reads HEIC/HEIF, TIFF and JPEG XL, and writes AVIF.
 * Refuses damaged files (decoder warnings) and checks the pixel budget from the header before decoding.
 */
export const magickCodec: Codec = {
  name: 'magick-wasm',
  encodes: ['jpeg', 'png', 'webp', 'avif'],
  async decode(bytes: Uint8Array): Promise<DecodedImage> {
    const { image } = await decodeImage(bytes);
    image.autoOrient();
    image.orientation = Orientation.Undefined;
    image.resetPage();
    if (image.colorSpace === ColorSpace.CMYK) image.colorSpace = ColorSpace.sRGB;
    return new MagickDecoded(image);
  },
  encodeRgba
};
