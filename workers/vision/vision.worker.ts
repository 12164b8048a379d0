/// <reference lib="webworker" />
import { ImageError } from '$core/errors/image-error';
import { rgbaToRgb } from '$core/image/pixels';
import { DetectionTasksSchema, workingScale, type DetectionTasks } from '$core/vision/detection';
import { exposeApi } from '../comlink/expose';
import { browserHuman } from './browser-human';
import { detectInPixels, type RgbPixels } from './detect';

/** Detectors see at most this many pixels on the long side; boxes are mapped back to the source. */
const WORKING_SIDE = 1280;

/** The browser's own decoder applies EXIF orientation; formats it cannot read are refused here. */
async function decodeNative(bytes: Uint8Array) {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as BlobPart]));
  } catch {
    throw new ImageError('unsupported_format', 'This browser cannot decode this image for detection.');
  }
  const scale = workingScale(bitmap.width, bitmap.height, WORKING_SIDE);
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new ImageError('processing_failed', 'No 2D canvas in this worker.');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  const source = { width: bitmap.width, height: bitmap.height, scale: width / bitmap.width };
  bitmap.close();
  return {
    pixels: { data: rgbaToRgb(context.getImageData(0, 0, width, height).data), width, height },
    source
  };
}

const api = {
  async detect(bytes: Uint8Array, tasks: Partial<DetectionTasks> = {}) {
    const [{ pixels, source }, human] = await Promise.all([decodeNative(bytes), browserHuman()]);
    return detectInPixels(human, pixels, DetectionTasksSchema.parse(tasks), source);
  },
  async detectPixels(
    pixels: RgbPixels,
    source: { width: number; height: number; scale: number },
    tasks: Partial<DetectionTasks> = {}
  ) {
    return detectInPixels(await browserHuman(), pixels, DetectionTasksSchema.parse(tasks), source);
  }
};

exposeApi(api);

export type VisionWorkerApi = typeof api;
