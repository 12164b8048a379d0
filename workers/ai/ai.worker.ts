/// <reference lib="webworker" />
import { ImageError } from '$core/errors/image-error';
import type { Rgba } from '$core/ai/raster';
import type { CutoutOptionsInput, UpscaleOptionsInput } from '$core/ai/schema';
import { transfer } from 'comlink';
import { exposeApi } from '../comlink/expose';
import { createEngine, type TileProgress } from './engine';
import { cutout, upscale, type Codec } from './operations';

/** Models and wasm are files of this app (copied into static/, precached by the service worker), never a CDN. */
const engine = createEngine({
  wasmPath: new URL('/tfjs/', self.location.origin).href,
  read: async (model, file) => {
    const response = await fetch(new URL(`/${model.to}/${file}`, self.location.origin));
    if (!response.ok)
      throw new ImageError('processing_failed', `The ${model.name} model did not load (${response.status}).`);
    return new Uint8Array(await response.arrayBuffer());
  }
});

function context2d(width: number, height: number) {
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!context) throw new ImageError('processing_failed', 'No 2D canvas in this worker.');
  return context;
}

async function bitmap(bytes: Uint8Array) {
  try {
    return await createImageBitmap(new Blob([bytes as BlobPart]));
  } catch {
    throw new ImageError('unsupported_format', 'This browser cannot decode this image.');
  }
}

/** The browser's decoder applies EXIF orientation, as the rest of the app shows the photo. */
const canvasCodec: Codec = {
  async decode(bytes) {
    const image = await bitmap(bytes);
    const context = context2d(image.width, image.height);
    context.drawImage(image, 0, 0);
    image.close();
    const { data, width, height } = context.getImageData(0, 0, context.canvas.width, context.canvas.height);
    return { data, width, height };
  },
  async decodeCovering(bytes, width, height) {
    const image = await bitmap(bytes);
    const scale = Math.max(width / image.width, height / image.height);
    const context = context2d(width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(
      image,
      (width - image.width * scale) / 2,
      (height - image.height * scale) / 2,
      image.width * scale,
      image.height * scale
    );
    image.close();
    return { data: context.getImageData(0, 0, width, height).data, width, height };
  },
  async encode(image: Rgba, mime) {
    const context = context2d(image.width, image.height);
    const data =
      image.data instanceof Uint8ClampedArray
        ? image.data
        : new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
    context.putImageData(
      new ImageData(data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height),
      0,
      0
    );
    const blob = await (context.canvas as OffscreenCanvas).convertToBlob({ type: mime, quality: 0.92 });
    return new Uint8Array(await blob.arrayBuffer());
  }
};

const api = {
  /** The person's matte at full size (alpha, one byte a pixel). */
  async segmentPerson(bytes: Uint8Array) {
    const matte = await engine.segmentPerson(await canvasCodec.decode(bytes));
    return transfer(matte, [matte.alpha.buffer]);
  },
  async cutout(bytes: Uint8Array, options: CutoutOptionsInput, photo?: Uint8Array) {
    const result = await cutout(engine, canvasCodec, bytes, options, photo);
    return transfer(result, [result.bytes.buffer]);
  },
  /** Cancelling terminates this worker (see WorkerBridge): that stops a tile mid-run at once. */
  async upscale(
    bytes: Uint8Array,
    options: UpscaleOptionsInput,
    onProgress?: (progress: TileProgress) => void
  ) {
    const result = await upscale(engine, canvasCodec, bytes, options, onProgress);
    return transfer(result, [result.bytes.buffer]);
  }
};

exposeApi(api);

export type AiWorkerApi = typeof api;
