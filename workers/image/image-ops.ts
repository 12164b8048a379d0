import {
  AlphaAction,
  FilterType,
  Gravity,
  MagickColors,
  MagickFormat,
  MagickGeometry,
  Orientation,
  type IMagickImage
} from '@imagemagick/magick-wasm';
import { ImageError } from '$core/errors/image-error';
import type { EncodableFormat } from '$core/image/format';
import { planFit } from '$core/image/fit';
import {
  ResizeOptionsSchema,
  type ProbeResult,
  type ResizeOptions,
  type ResizeOptionsInput,
  type ResizeResult
} from '$core/image/operations';
import { workingScale } from '$core/vision/detection';
import { decodeImage, pingImage } from './decode';

const magickFormats: Record<EncodableFormat, MagickFormat> = {
  jpeg: MagickFormat.Jpeg,
  png: MagickFormat.Png,
  webp: MagickFormat.WebP,
  avif: MagickFormat.Avif
};

/** EXIF orientations 5–8 swap width and height when the image is shown upright. */
const swapsSides = (orientation: number): boolean => orientation >= 5 && orientation <= 8;

export async function probe(bytes: Uint8Array): Promise<ProbeResult> {
  const { image, format } = await pingImage(bytes);
  try {
    const orientation = Number(image.orientation);
    const swap = swapsSides(orientation);
    return {
      format,
      width: swap ? image.height : image.width,
      height: swap ? image.width : image.height,
      orientation,
      hasAlpha: image.hasAlpha,
      byteLength: bytes.byteLength
    };
  } finally {
    image.dispose();
  }
}

function applyFit(image: IMagickImage, options: ResizeOptions): void {
  const plan = planFit(image, options, options.fit);
  if (plan.crop.width !== image.width || plan.crop.height !== image.height) {
    const { x, y, width, height } = plan.crop;
    image.crop(new MagickGeometry(x, y, width, height));
    image.resetPage();
  }
  // The plan already fixed the exact size, so magick must not re-derive it from the aspect ratio.
  const geometry = new MagickGeometry(plan.scaled.width, plan.scaled.height);
  geometry.ignoreAspectRatio = true;
  image.resize(geometry, FilterType.Lanczos);
  if (plan.canvas.width !== plan.scaled.width || plan.canvas.height !== plan.scaled.height) {
    const background = options.format === 'jpeg' ? MagickColors.White : MagickColors.Transparent;
    image.backgroundColor = background;
    image.extent(plan.canvas.width, plan.canvas.height, Gravity.Center);
  }
}

/**
 * Upright RGB pixels, downscaled so the long side is at most `maxSide`: the input detectors want. Used under
 * Node and for formats the browser cannot decode itself (HEIC, TIFF, JPEG XL).
 */
export async function decodeRgb(
  bytes: Uint8Array,
  maxSide: number
): Promise<{
  pixels: { data: Uint8Array; width: number; height: number };
  source: { width: number; height: number; scale: number };
}> {
  const { image } = await decodeImage(bytes);
  try {
    image.autoOrient();
    image.resetPage();
    const source = { width: image.width, height: image.height };
    const scale = workingScale(source.width, source.height, maxSide);
    if (scale < 1) {
      const geometry = new MagickGeometry(
        Math.max(1, Math.round(source.width * scale)),
        Math.max(1, Math.round(source.height * scale))
      );
      geometry.ignoreAspectRatio = true;
      image.resize(geometry, FilterType.Triangle);
    }
    if (image.hasAlpha) {
      image.backgroundColor = MagickColors.White;
      image.alpha(AlphaAction.Remove);
    }
    const data = image.write(MagickFormat.Rgb, (raw) => new Uint8Array(raw));
    return {
      pixels: { data, width: image.width, height: image.height },
      source: { ...source, scale: image.width / source.width }
    };
  } finally {
    image.dispose();
  }
}

/** Decodes once, applies EXIF orientation, fits to the box with a Lanczos filter and encodes without metadata. */
export async function resize(bytes: Uint8Array, input: ResizeOptionsInput): Promise<ResizeResult> {
  const parsed = ResizeOptionsSchema.safeParse(input);
  if (!parsed.success) {
    throw new ImageError('invalid_options', `Invalid resize options: ${parsed.error.issues[0]?.message}`);
  }
  const options = parsed.data;
  const { image } = await decodeImage(bytes);
  try {
    image.autoOrient();
    // Upright pixels with no orientation tag: a viewer that honours the tag must not rotate them again.
    image.orientation = Orientation.Undefined;
    image.resetPage();
    applyFit(image, options);
    image.strip();
    image.quality = options.quality;
    if (options.format === 'jpeg' && image.hasAlpha) {
      image.backgroundColor = MagickColors.White;
      image.alpha(AlphaAction.Remove);
    }
    const output = image.write(magickFormats[options.format], (data) => new Uint8Array(data));
    return { bytes: output, format: options.format, width: image.width, height: image.height };
  } finally {
    image.dispose();
  }
}
