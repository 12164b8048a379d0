import { ImageError } from '$core/errors/image-error';
import { DETAIL_PASS, unsharpMask } from '$core/ai/detail';
import { MIN_COVERAGE, refineMask, type Matte } from '$core/ai/matte';
import { deviceModel, modelEntry, type DeviceModel } from '$core/ai/models';
import { areaAverage, fitLongSide, sample, shrinkImage, type Plane, type Rgba } from '$core/ai/raster';
import { upscaleModelId, type UpscaleOptions } from '$core/ai/schema';
import { planTiles } from '$core/ai/tiles';
import type { GraphModel, LayersModel, Tensor } from '@tensorflow/tfjs';
import { startTf, type Tf } from './tf';

/** Where this platform finds TF.js's wasm and each model's files. */
export interface ModelSource {
  wasmPath: string;
  read(model: DeviceModel, file: string): Promise<Uint8Array>;
}

export interface TileProgress {
  done: number;
  total: number;
}

/** The segmentation model's input. */
const SEGMENT_SIDE = 256;
/** The views are cut from a copy this long (a quarter view then still has over twice the model's input). */
const VIEW_SOURCE_SIDE = 1024;
/** The mask the views are merged into, before refinement to full size. */
const MASK_SIDE = 512;
/**
 * The model looks at the whole photo and at four overlapping quarters [left, top, right, bottom] (fractions):
 * in a group photo each face then fills more of its 256 px input. On tests/fixtures/faces the two faces the
 * whole view was least sure of rose from 0.78–0.84 mean alpha to 0.998–1.000 (see cutout-quality.test.ts).
 */
const SEGMENT_VIEWS: [number, number, number, number][] = [
  [0, 0, 1, 1],
  [0, 0, 0.6, 0.6],
  [0.4, 0, 1, 0.6],
  [0, 0.4, 0.6, 1],
  [0.4, 0.4, 1, 1]
];
/**
 * Upscale tiles: 192 px cores read with 16 px of context on each side (the RDN models' 3×3 convolutions see
 * 12 px at most, so kept pixels are exactly those of a whole-image pass). Per tile the model holds about
 * 224² × 64 channels × 4 bytes × a few live tensors: under 64 MB whatever the image size.
 */
const TILE = 192;
const OVERLAP = 16;
/** Largest output an upscale writes (its RGBA buffer is 4 bytes a pixel: 400 MB at this size). */
export const MAX_UPSCALED_PIXELS = 100_000_000;

async function loadArtifacts(source: ModelSource, model: DeviceModel) {
  const entry = modelEntry(model);
  const json = JSON.parse(new TextDecoder().decode(await source.read(model, entry))) as {
    modelTopology: object;
    format?: string;
    weightsManifest: { paths: string[]; weights: object[] }[];
  };
  const shards = await Promise.all(
    json.weightsManifest.flatMap((group) => group.paths.map((path) => source.read(model, path)))
  );
  const weightData = new Uint8Array(shards.reduce((sum, shard) => sum + shard.byteLength, 0));
  shards.reduce((offset, shard) => (weightData.set(shard, offset), offset + shard.byteLength), 0);
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: weightData.buffer
  } as Parameters<Tf['io']['fromMemory']>[0];
}

/** The on-device models behind one API, for the browser worker and Node alike. */
export function createEngine(source: ModelSource) {
  const loaded = new Map<string, Promise<GraphModel | LayersModel>>();
  const load = async (id: string) => {
    const tf = await startTf(source.wasmPath);
    const model = deviceModel(id);
    let pending = loaded.get(id);
    if (!pending) {
      pending = loadArtifacts(source, model).then((artifacts): Promise<GraphModel | LayersModel> =>
        model.task === 'segment'
          ? tf.loadGraphModel(tf.io.fromMemory(artifacts))
          : tf.loadLayersModel(tf.io.fromMemory(artifacts))
      );
      loaded.set(id, pending);
      pending.catch(() => loaded.delete(id));
    }
    return { tf, model: await pending };
  };

  return {
    /** The person's matte at the image's full size; refuses an image with no person in it. */
    async segmentPerson(image: Rgba): Promise<Matte & { ms: { model: number; refine: number } }> {
      const started = performance.now();
      const { tf, model } = await load('selfie');
      const size = fitLongSide(image.width, image.height, MASK_SIDE);
      const mask: Plane = { ...size, data: new Float32Array(size.width * size.height) };
      const small = shrinkImage(image, VIEW_SOURCE_SIDE);
      for (const view of SEGMENT_VIEWS) {
        const region = {
          x: Math.round(view[0] * small.width),
          y: Math.round(view[1] * small.height),
          width: Math.max(1, Math.round((view[2] - view[0]) * small.width)),
          height: Math.max(1, Math.round((view[3] - view[1]) * small.height))
        };
        const channels = [0, 1, 2].map(
          (c) => areaAverage(small, SEGMENT_SIDE, SEGMENT_SIDE, (data, k) => data[k + c]! / 255, region).data
        );
        const input = new Float32Array(SEGMENT_SIDE * SEGMENT_SIDE * 3);
        for (let i = 0; i < SEGMENT_SIDE * SEGMENT_SIDE; i++)
          for (let c = 0; c < 3; c++) input[i * 3 + c] = channels[c]![i]!;
        const output = tf.tidy(
          () => model.predict(tf.tensor4d(input, [1, SEGMENT_SIDE, SEGMENT_SIDE, 3])) as Tensor
        );
        const seen: Plane = {
          data: new Float32Array(await output.data()),
          width: SEGMENT_SIDE,
          height: SEGMENT_SIDE
        };
        output.dispose();
        // Each view's answer is pasted where it looked; a person any view is sure of stays a person.
        const left = Math.floor(view[0] * size.width);
        const top = Math.floor(view[1] * size.height);
        const right = Math.ceil(view[2] * size.width);
        const bottom = Math.ceil(view[3] * size.height);
        const sx = SEGMENT_SIDE / ((view[2] - view[0]) * size.width);
        const sy = SEGMENT_SIDE / ((view[3] - view[1]) * size.height);
        for (let y = top; y < bottom; y++)
          for (let x = left; x < right; x++) {
            const value = sample(
              seen,
              (x + 0.5 - view[0] * size.width) * sx,
              (y + 0.5 - view[1] * size.height) * sy
            );
            const i = y * size.width + x;
            if (value > mask.data[i]!) mask.data[i] = value;
          }
      }
      const modelMs = performance.now() - started;
      const matte = refineMask(image, mask, small);
      if (matte.coverage < MIN_COVERAGE)
        throw new ImageError(
          'no_subject',
          'No person found in this photo. On this device, background removal finds people only: for products, pets or objects use the cloud "Remove background".'
        );
      return { ...matte, ms: { model: modelMs, refine: performance.now() - started - modelMs } };
    },

    /** The image `scale` times larger, tile by tile; `signal` stops it between tiles. */
    async upscale(
      image: Rgba,
      options: UpscaleOptions,
      onProgress?: (progress: TileProgress) => void,
      signal?: AbortSignal
    ): Promise<Rgba> {
      const { scale } = options;
      const width = image.width * scale;
      const height = image.height * scale;
      if (width * height > MAX_UPSCALED_PIXELS)
        throw new ImageError(
          'too_large',
          `×${scale} of ${image.width}×${image.height} would be ${width}×${height}, more than this device upscales (${MAX_UPSCALED_PIXELS / 1e6} MP). Crop or reduce it first.`
        );
      const { tf, model } = await load(upscaleModelId(options));
      const out = new Uint8ClampedArray(width * height * 4);
      const tiles = planTiles(image.width, image.height, TILE, OVERLAP);
      onProgress?.({ done: 0, total: tiles.length });
      for (const [index, tile] of tiles.entries()) {
        if (signal?.aborted) throw new ImageError('cancelled', 'Cancelled.');
        const context = tile.context;
        const input = new Float32Array(context.width * context.height * 3);
        for (let y = 0; y < context.height; y++)
          for (let x = 0; x < context.width; x++) {
            const from = ((context.y + y) * image.width + context.x + x) * 4;
            const to = (y * context.width + x) * 3;
            input[to] = image.data[from]!;
            input[to + 1] = image.data[from + 1]!;
            input[to + 2] = image.data[from + 2]!;
          }
        const result = tf.tidy(
          () => model.predict(tf.tensor4d(input, [1, context.height, context.width, 3])) as Tensor
        );
        const values = (await result.data()) as Float32Array;
        result.dispose();
        const detail = DETAIL_PASS[scale];
        if (detail) unsharpMask(values, context.width * scale, context.height * scale, detail);
        const stride = context.width * scale;
        const offsetX = (tile.x - context.x) * scale;
        const offsetY = (tile.y - context.y) * scale;
        for (let y = 0; y < tile.height * scale; y++) {
          const outY = tile.y * scale + y;
          for (let x = 0; x < tile.width * scale; x++) {
            const outX = tile.x * scale + x;
            const from = ((offsetY + y) * stride + offsetX + x) * 3;
            const to = (outY * width + outX) * 4;
            out[to] = values[from]!;
            out[to + 1] = values[from + 1]!;
            out[to + 2] = values[from + 2]!;
            out[to + 3] =
              image.data[(Math.floor(outY / scale) * image.width + Math.floor(outX / scale)) * 4 + 3]!;
          }
        }
        onProgress?.({ done: index + 1, total: tiles.length });
      }
      return { data: out, width, height };
    }
  };
}

export type Engine = ReturnType<typeof createEngine>;
