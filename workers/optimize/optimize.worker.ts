/// <reference lib="webworker" />
import { transfer } from 'comlink';
import wasmUrl from '@imagemagick/magick-wasm/magick.wasm?url';
import type { OptimizeOptionsInput, OutputRequestInput } from '$core/optimize/schema';
import { useMagickWasm } from '../image/magick';
import { exposeApi } from '../shared/expose';
import { browserCodec, decodeBitmap, decodedBitmap } from './browser-codec';
import { createOptimizer } from './pipeline';
import { checkSource } from './source';

// The wasm is the file Vite emitted next to this bundle, and the service worker precaches it: never a CDN.
useMagickWasm(async () => new URL(wasmUrl, self.location.href));

/** Formats Chromium cannot decode; magick-wasm (loaded only when needed) reads them. */
const magickOnly = new Set(['heic', 'tiff', 'jxl']);
const magick = async () => (await import('./magick-codec')).magickCodec;

const optimizer = createOptimizer({
  async codecFor(bytes) {
    return magickOnly.has(checkSource(bytes)) ? magick() : browserCodec;
  },
  fallbackEncoder: magick,
  async detect(pixels, source, tasks) {
    const [{ browserHuman }, { detectInPixels }] = await Promise.all([
      import('../vision/browser-human'),
      import('../vision/detect')
    ]);
    return detectInPixels(await browserHuman(), pixels, tasks, source);
  }
});

const api = {
  analyze: optimizer.analyze,
  /**
   * Decodes once for `copies` workers: the copies share the decoded pixels, so handing them out costs no
   * second decode. Undefined for formats only magick-wasm reads (each worker then decodes its own).
   */
  async decode(bytes: Uint8Array, copies: number): Promise<ImageBitmap[] | undefined> {
    if (magickOnly.has(checkSource(bytes))) return undefined;
    const bitmap = await decodeBitmap(bytes);
    const clones = await Promise.all(Array.from({ length: copies - 1 }, () => createImageBitmap(bitmap)));
    const bitmaps = [bitmap, ...clones];
    return transfer(bitmaps, bitmaps);
  },
  /** `bitmap`, when given, is `bytes` already decoded by `decode`. */
  async optimize(
    bytes: Uint8Array,
    requests: OutputRequestInput[],
    options: OptimizeOptionsInput = {},
    bitmap?: ImageBitmap
  ) {
    const outputs = await optimizer.optimize(
      bytes,
      requests,
      options,
      bitmap && decodedBitmap(bitmap, bytes)
    );
    return transfer(
      outputs,
      outputs.map((output) => output.bytes.buffer as ArrayBuffer)
    );
  }
};

exposeApi(api);

export type OptimizeWorkerApi = typeof api;
