/** Raster formats we can decode. The name in the file is never trusted: formats are sniffed from bytes. */
export const decodableFormats = ['jpeg', 'png', 'gif', 'webp', 'avif', 'heic', 'tiff', 'bmp', 'jxl'] as const;
export type DecodableFormat = (typeof decodableFormats)[number];

export const encodableFormats = ['jpeg', 'png', 'webp', 'avif'] as const;
export type EncodableFormat = (typeof encodableFormats)[number];

export const mimeTypes: Record<DecodableFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  heic: 'image/heic',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  jxl: 'image/jxl'
};

export const fileExtensions: Record<EncodableFormat, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  avif: 'avif'
};

export type SniffResult =
  { kind: 'raster'; format: DecodableFormat } | { kind: 'rejected'; label: string } | { kind: 'unknown' };

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  signature.every((value, index) => bytes[offset + index] === value);

const heifBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const avifBrands = new Set(['avif', 'avis']);

function sniffIsoBmff(bytes: Uint8Array): DecodableFormat | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== 'ftyp') return undefined;
  const boxSize = Math.min(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0), bytes.length, 256);
  const brands = [ascii(bytes, 8, 4)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, 4));
  if (brands.some((brand) => avifBrands.has(brand))) return 'avif';
  if (brands.some((brand) => heifBrands.has(brand))) return 'heic';
  return undefined;
}

/** Identifies a file by its magic bytes; vector and markup formats are named so the error can say why. */
export function sniffFormat(bytes: Uint8Array): SniffResult {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'raster', format: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'raster', format: 'png' };
  if (ascii(bytes, 0, 4) === 'GIF8') return { kind: 'raster', format: 'gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
    return { kind: 'raster', format: 'webp' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { kind: 'raster', format: 'tiff' };
  }
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length > 26) return { kind: 'raster', format: 'bmp' };
  if (startsWith(bytes, [0xff, 0x0a]) || startsWith(bytes, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) {
    return { kind: 'raster', format: 'jxl' };
  }
  const iso = sniffIsoBmff(bytes);
  if (iso) return { kind: 'raster', format: iso };
  if (ascii(bytes, 0, 4) === '%PDF') return { kind: 'rejected', label: 'a PDF document' };
  const head = ascii(bytes, 0, Math.min(bytes.length, 512)).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) {
    return { kind: 'rejected', label: 'an SVG drawing (vector files are not accepted, for safety)' };
  }
  if (head.startsWith('<')) return { kind: 'rejected', label: 'an HTML or XML document' };
  return { kind: 'unknown' };
}
