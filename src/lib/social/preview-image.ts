import { imageWorker } from '$lib/workers/image-worker';
import { mimeTypes } from '$core/image/format';

const PREVIEW_SIDE = 1024;

/**
 * A small upright JPEG of the source for the previews and the crop editor. The browser's own decoder is
 * tried first (fast, applies EXIF orientation); formats it cannot read (HEIC, TIFF…) go through magick-wasm.
 */
export async function previewUrl(file: File, bytes: Uint8Array, signal: AbortSignal): Promise<string> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, PREVIEW_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = new OffscreenCanvas(
      Math.max(1, Math.round(bitmap.width * scale)),
      Math.max(1, Math.round(bitmap.height * scale))
    );
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 }));
  } catch {
    const small = await imageWorker.resize(
      bytes,
      { width: PREVIEW_SIDE, height: PREVIEW_SIDE, fit: 'inside', format: 'jpeg', quality: 85 },
      signal
    );
    return URL.createObjectURL(new Blob([small.bytes as BlobPart], { type: mimeTypes.jpeg }));
  }
}
