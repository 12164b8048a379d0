import type { EncodableFormat } from './format';
import { jpegSegment } from './jpeg-segments';

/** The only metadata an export may keep on request: who owns the picture. Never location or camera. */
export interface Copyright {
  copyright?: string;
  artist?: string;
}

const TAG_ARTIST = 0x013b;
const TAG_COPYRIGHT = 0x8298;
const ASCII = 2;
const APP1 = 0xe1;

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const utf8 = new TextDecoder();

/** Reads Artist and Copyright from IFD0 of a TIFF-structured EXIF block. */
function readExifIfd0(tiff: Uint8Array): Copyright {
  if (tiff.length < 8) return {};
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = latin1(tiff.subarray(0, 2)) === 'II';
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return {};
  const count = view.getUint16(ifd, little);
  const found: Copyright = {};
  for (let entry = 0; entry < count; entry++) {
    const at = ifd + 2 + entry * 12;
    if (at + 12 > tiff.length) break;
    const tag = view.getUint16(at, little);
    if ((tag !== TAG_ARTIST && tag !== TAG_COPYRIGHT) || view.getUint16(at + 2, little) !== ASCII) continue;
    const length = view.getUint32(at + 4, little);
    const offset = length <= 4 ? at + 8 : view.getUint32(at + 8, little);
    if (offset + length > tiff.length) continue;
    const text = utf8
      .decode(tiff.subarray(offset, offset + length))
      .replace(/\0+$/, '')
      .trim();
    if (!text) continue;
    if (tag === TAG_ARTIST) found.artist = text;
    else found.copyright = text;
  }
  return found;
}

/** The source's copyright notice and author (JPEG EXIF), if it has them. */
export function readCopyright(bytes: Uint8Array): Copyright {
  const exif = jpegSegment(bytes, APP1, 'Exif\0\0');
  return exif ? readExifIfd0(exif) : {};
}

/** A minimal big-endian EXIF block holding only IFD0's Artist and Copyright. */
function buildExif(fields: Copyright): Uint8Array {
  const entries: [number, string][] = [];
  if (fields.artist) entries.push([TAG_ARTIST, fields.artist]);
  if (fields.copyright) entries.push([TAG_COPYRIGHT, fields.copyright]);
  const encoded = entries.map(([, text]) => new TextEncoder().encode(`${text}\0`));
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataStart = 8 + ifdSize;
  const total = dataStart + encoded.reduce((sum, bytes) => sum + bytes.length, 0);
  const tiff = new Uint8Array(total);
  const view = new DataView(tiff.buffer);
  tiff.set([0x4d, 0x4d, 0x00, 0x2a]);
  view.setUint32(4, 8);
  view.setUint16(8, entries.length);
  let data = dataStart;
  entries.forEach(([tag], index) => {
    const at = 10 + index * 12;
    const bytes = encoded[index]!;
    view.setUint16(at, tag);
    view.setUint16(at + 2, ASCII);
    view.setUint32(at + 4, bytes.length);
    if (bytes.length <= 4) tiff.set(bytes, at + 8);
    else {
      view.setUint32(at + 8, data);
      tiff.set(bytes, data);
      data += bytes.length;
    }
  });
  return tiff;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, body: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + body.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, body.length);
  chunk.set(new TextEncoder().encode(type), 4);
  chunk.set(body, 8);
  view.setUint32(8 + body.length, crc32(chunk.subarray(4, 8 + body.length)));
  return chunk;
}

const join = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

/**
 * Writes the copyright notice and author into an encoded JPEG (an EXIF segment right after SOI) or PNG
 * (an eXIf chunk after IHDR). Returns undefined for formats where we cannot add it (WebP, AVIF).
 */
export function embedCopyright(
  bytes: Uint8Array,
  format: EncodableFormat,
  fields: Copyright
): Uint8Array | undefined {
  if (!fields.artist && !fields.copyright) return bytes;
  const exif = buildExif(fields);
  if (format === 'jpeg') {
    const header = new TextEncoder().encode('Exif\0\0');
    const length = 2 + header.length + exif.length;
    const segment = join(new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff]), header, exif);
    return join(bytes.subarray(0, 2), segment, bytes.subarray(2));
  }
  if (format === 'png') {
    const afterHeader = 8 + 25; // signature + IHDR (13 bytes of data + 12 of framing)
    return join(bytes.subarray(0, afterHeader), pngChunk('eXIf', exif), bytes.subarray(afterHeader));
  }
  return undefined;
}

/** Bytes `embedCopyright` adds, so a byte budget can leave room for them. */
export function copyrightOverhead(format: EncodableFormat, fields: Copyright): number {
  const stub = new Uint8Array(format === 'png' ? 33 : 2);
  return (embedCopyright(stub, format, fields)?.length ?? stub.length) - stub.length;
}
