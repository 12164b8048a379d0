import { ImageError } from '../errors/image-error';

/** Largest decoded image we accept: 100 MP is ~400 MB of RGBA, the most a phone tab can hope to hold. */
export const MAX_PIXELS = 100_000_000;
/** Longest side of any image we decode or produce. */
export const MAX_SIDE = 32_768;
/** Largest file we read into memory. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

const formatMegapixels = (pixels: number): string =>
  `${(pixels / 1_000_000).toFixed(pixels < 10_000_000 ? 1 : 0)} MP`;

export function assertFileSize(byteLength: number): void {
  if (byteLength === 0) throw new ImageError('empty_file', 'The file is empty (0 bytes).');
  if (byteLength > MAX_FILE_BYTES) {
    const mb = Math.round(byteLength / (1024 * 1024));
    throw new ImageError(
      'too_large',
      `The file is ${mb} MB; the limit is ${MAX_FILE_BYTES / (1024 * 1024)} MB.`
    );
  }
}

/** Checked against the header before decoding, so a decompression bomb is refused without allocating it. */
export function assertPixelBudget(width: number, height: number): void {
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
    throw new ImageError(
      'too_large',
      `The image is ${width.toLocaleString('en')}×${height.toLocaleString('en')} pixels ` +
        `(${formatMegapixels(width * height)}); the limit is ${formatMegapixels(MAX_PIXELS)} ` +
        `and ${MAX_SIDE.toLocaleString('en')} px per side.`
    );
  }
}
