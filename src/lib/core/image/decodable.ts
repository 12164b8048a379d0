import { ImageError } from '../errors/image-error';
import { sniffFormat, type DecodableFormat } from './format';
import { assertFileSize } from './limits';

/** The checks every decoder runs first: size, then magic bytes. Returns the sniffed format. */
export function assertDecodable(bytes: Uint8Array): DecodableFormat {
  assertFileSize(bytes.byteLength);
  const sniffed = sniffFormat(bytes);
  if (sniffed.kind === 'raster') return sniffed.format;
  if (sniffed.kind === 'rejected') {
    throw new ImageError('unsupported_format', `This file is ${sniffed.label}, not a photo or bitmap image.`);
  }
  throw new ImageError(
    'unsupported_format',
    'This file is not an image we can read. Supported: JPEG, PNG, WebP, AVIF, GIF, TIFF, BMP, HEIC and JPEG XL.'
  );
}
