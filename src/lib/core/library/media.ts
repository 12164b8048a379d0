/** Non-image results the library keeps (videos and 3D models from the Transform Studio), told by magic bytes. */
export const mediaMimes = ['video/mp4', 'model/gltf-binary'] as const;
export type MediaMime = (typeof mediaMimes)[number];

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

/** MP4 brands; AVIF and HEIC share the ISO-BMFF box but are images, sniffed before this is asked. */
const videoBrands = new Set(['isom', 'iso2', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'qt  ']);

export function sniffMedia(bytes: Uint8Array): MediaMime | undefined {
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === 'ftyp' && videoBrands.has(ascii(bytes, 8, 4)))
    return 'video/mp4';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'glTF') return 'model/gltf-binary';
  return undefined;
}

/**
 * What a library entry is, for the places that would otherwise show an image's facts: a video or a model
 * has no pixel size, no thumbnail and no tagging.
 */
export function mediaLabel(mime: string): string | undefined {
  if (mime === 'video/mp4') return 'Video (MP4)';
  if (mime === 'model/gltf-binary') return '3D model (GLB)';
  if (!mime.startsWith('image/')) return mime;
  return undefined;
}
