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

/** The EXIF orientation (1–8) of a JPEG, 0 when it carries none or the bytes are not a JPEG. */
export function exifOrientation(bytes: Uint8Array): number {
  const tiff = jpegSegment(bytes, 0xe1, 'Exif\0\0');
  if (!tiff || tiff.length < 8) return 0;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = tiff[0] === 0x49;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return 0;
  const count = view.getUint16(ifd, little);
  for (let entry = ifd + 2; entry + 12 <= tiff.length && entry < ifd + 2 + count * 12; entry += 12) {
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 0;
    }
  }
  return 0;
}
