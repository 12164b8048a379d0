import { imageFacts } from '$core/studio/image-input';
import { database, type StyleRow } from '$lib/db/database';
import { deleteStyle, putStyle, stylesNewestFirst } from '$lib/db/studio-store';

const THUMB = 160;

async function thumbnailOf(blob: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(blob);
  const scale = THUMB / Math.max(bitmap.width, bitmap.height);
  const canvas = new OffscreenCanvas(
    Math.max(1, Math.round(bitmap.width * scale)),
    Math.max(1, Math.round(bitmap.height * scale))
  );
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
}

/** Keeps a reference image in the user's style library (on this device), with a small thumbnail for the grid. */
export async function addStyle(blob: Blob, name: string): Promise<StyleRow> {
  imageFacts(new Uint8Array(await blob.arrayBuffer()));
  const row: StyleRow = {
    id: crypto.randomUUID(),
    name,
    blob,
    thumbnail: await thumbnailOf(blob),
    createdAt: Date.now()
  };
  await putStyle(database(), row);
  return row;
}

export const listStyles = (): Promise<StyleRow[]> => stylesNewestFirst(database());

export const removeStyle = (id: string) => deleteStyle(database(), id);
