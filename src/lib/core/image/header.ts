import type { Size } from '../geometry/rect';
import { sniffFormat } from './format';

const u16be = (b: Uint8Array, o: number): number => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u16le = (b: Uint8Array, o: number): number => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, o: number): number => u16le(b, o) | ((b[o + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, o: number): number => u16be(b, o) * 65536 + u16be(b, o + 2);

/** Start-of-frame markers that carry the frame size (SOF0–SOF15 minus DHT, JPG and DAC). */
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpegSize(b: Uint8Array): Size | undefined {
  let offset = 2;
  while (offset + 9 < b.length) {
    if (b[offset] !== 0xff) return undefined;
    const marker = b[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (isStartOfFrame(marker)) return { height: u16be(b, offset + 5), width: u16be(b, offset + 7) };
    offset += 2 + u16be(b, offset + 2);
  }
  return undefined;
}

function webpSize(b: Uint8Array): Size | undefined {
  const chunk = String.fromCharCode(...b.subarray(12, 16));
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return undefined;
}

/**
 * Stored pixel size from the header alone (no EXIF orientation applied), for the formats whose header is
 * simple; undefined for the rest (AVIF, HEIC, TIFF, JXL), which need a decoder's ping.
 */
export function readHeaderSize(bytes: Uint8Array): Size | undefined {
  const sniffed = sniffFormat(bytes);
  if (sniffed.kind !== 'raster') return undefined;
  switch (sniffed.format) {
    case 'png':
      return bytes.length >= 24 ? { width: u32be(bytes, 16), height: u32be(bytes, 20) } : undefined;
    case 'gif':
      return bytes.length >= 10 ? { width: u16le(bytes, 6), height: u16le(bytes, 8) } : undefined;
    case 'bmp':
      return {
        width: u16le(bytes, 18),
        height: Math.abs(new DataView(bytes.buffer, bytes.byteOffset).getInt32(22, true))
      };
    case 'jpeg':
      return jpegSize(bytes);
    case 'webp':
      return webpSize(bytes);
    default:
      return undefined;
  }
}
