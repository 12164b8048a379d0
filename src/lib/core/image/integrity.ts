import { ImageError } from '../errors/image-error';
import type { DecodableFormat } from './format';

const segmentLength = (b: Uint8Array, offset: number): number =>
  ((b[offset + 2] ?? 0) << 8) | (b[offset + 3] ?? 0);

/** Markers that may follow entropy-coded data in a valid (possibly progressive) JPEG. */
const isSegmentMarker = (marker: number): boolean =>
  marker === 0xc4 ||
  marker === 0xda ||
  marker === 0xdb ||
  marker === 0xdd ||
  marker === 0xfe ||
  (marker >= 0xe0 && marker <= 0xef);

/** Walks a JPEG's markers and scan data: damage shows as an impossible marker, truncation as a missing end. */
function jpegDamage(b: Uint8Array): 'truncated' | 'corrupt' | undefined {
  let offset = 2;
  while (offset + 3 < b.length && b[offset] === 0xff && b[offset + 1] !== 0xda) {
    offset += 2 + segmentLength(b, offset);
  }
  if (offset + 3 >= b.length) return 'truncated';
  offset += 2 + segmentLength(b, offset);
  while (offset + 1 < b.length) {
    if (b[offset] !== 0xff) {
      offset += 1;
      continue;
    }
    const next = b[offset + 1] ?? 0;
    if (next === 0xd9) return undefined;
    if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) offset += next === 0xff ? 1 : 2;
    else if (isSegmentMarker(next)) offset += 2 + segmentLength(b, offset);
    else return 'corrupt';
  }
  return 'truncated';
}

const pngComplete = (b: Uint8Array): boolean =>
  String.fromCharCode(...b.subarray(Math.max(0, b.length - 12), b.length)).includes('IEND');

/**
 * Browsers decode damaged files without complaint (grey bands, garbage blocks), so where the browser's
 * decoder is used the file's structure is checked first: a JPEG must end and hold no impossible marker,
 * a PNG must reach its IEND chunk.
 */
export function assertIntact(bytes: Uint8Array, format: DecodableFormat): void {
  const label = format.toUpperCase();
  const damage =
    format === 'jpeg' ? jpegDamage(bytes) : format === 'png' && !pngComplete(bytes) ? 'truncated' : undefined;
  if (damage === 'truncated') {
    throw new ImageError(
      'corrupt_image',
      `This ${label} file is cut short (truncated) and cannot be decoded.`
    );
  }
  if (damage === 'corrupt') {
    throw new ImageError('corrupt_image', `This ${label} file is damaged and cannot be decoded.`);
  }
}
