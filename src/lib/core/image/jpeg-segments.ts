const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/**
 * The payload (after `signature`) of the first JPEG marker segment `marker` whose payload starts with
 * `signature`, looking only at the header segments before the image data. Undefined when absent or
 * when the bytes are not a JPEG.
 */
export function jpegSegment(bytes: Uint8Array, marker: number, signature: string): Uint8Array | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 4 < bytes.length && bytes[offset] === 0xff) {
    const found = bytes[offset + 1] ?? 0;
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    if (found === 0xda) return undefined;
    const start = offset + 4;
    if (found === marker && latin1(bytes.subarray(start, start + signature.length)) === signature) {
      return bytes.subarray(start + signature.length, offset + 2 + length);
    }
    offset += 2 + length;
  }
  return undefined;
}

const APP2 = 0xe2;

/**
 * A JPEG without an embedded ICC profile: its pixels are sRGB as decoded, with no colour conversion
 * pending and no alpha.
 */
export const isPlainSrgbJpeg = (bytes: Uint8Array): boolean =>
  bytes[0] === 0xff && bytes[1] === 0xd8 && !jpegSegment(bytes, APP2, 'ICC_PROFILE\0');
