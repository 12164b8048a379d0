import { paletteOf, type Palette } from '$core/crop/palette';

/** Pixels read for the palette: a small copy is plenty for colours and cheap to read. */
const SIDE = 64;

/** The colours a pad can take from a photo, read from its preview image. */
export async function photoPalette(previewUrl: string): Promise<Palette> {
  const bitmap = await createImageBitmap(await (await fetch(previewUrl)).blob());
  const scale = Math.min(1, SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot read pixels from a canvas.');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return paletteOf(context.getImageData(0, 0, width, height).data, width, height);
}
