import { checkSource } from '$core/image/check-source';
import { mimeTypes } from '$core/image/format';
import { readHeaderSize } from '$core/image/header';
import { sniffMedia } from '$core/library/media';
import { contentHash } from './hash';

export interface Content {
  hash: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  blob: Blob;
}

/**
 * Reads what the row needs from the bytes themselves; refuses, with the Social Optimizer's own checks and
 * words, anything that is not an image we can use (empty, not an image, cut short, too large), or a video or
 * 3D model from the Transform Studio (their size comes from the caller).
 */
export async function readContent(blob: Blob, width?: number, height?: number): Promise<Content> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const media = sniffMedia(bytes);
  const format = media ? undefined : checkSource(bytes);
  const header = format ? readHeaderSize(bytes) : undefined;
  const mime = format ? mimeTypes[format] : (media as string);
  return {
    hash: await contentHash(bytes),
    mime,
    width: width ?? header?.width ?? 0,
    height: height ?? header?.height ?? 0,
    bytes: bytes.byteLength,
    blob: new Blob([bytes as BlobPart], { type: mime })
  };
}
