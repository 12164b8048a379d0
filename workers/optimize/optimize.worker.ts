/// <reference lib="webworker" />
import { transfer } from 'comlink';
import wasmUrl from '@imagemagick/magick-wasm/magick.wasm?url';
import type { OptimizeOptionsInput, OutputRequestInput } from '$core/optimize/schema';
import { useMagickWasm } from '../image/magick';
import { exposeApi } from '../comlink/expose';
import { browserCodec, browserDecodes, decodedFrame } from './browser-codec';
import { createOptimizer } from './pipeline';
import { checkSource } from '$core/image/check-source';

// The wasm is the file Vite emitted next to this bundle, and the service worker precaches it: never a CDN.
useMagickWasm(async () => new URL(wasmUrl, self.location.href));

const magick = async () => (await import('./magick-codec')).magickCodec;

const optimizer = createOptimizer({
  async codecFor(bytes) {
    return browserDecodes(checkSource(bytes)) ? browserCodec : magick();
  },
  fallbackEncoder: magick,
  async findFaces(pixels, mesh) {
    const [{ browserHuman }, { findFaces }] = await Promise.all([
      import('../vision/browser-human'),
      import('../vision/detect')
    ]);
    return findFaces(await browserHuman(), pixels, mesh);
  },
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
  /** `frame`, when given, is `bytes` already decoded by `decodeShared` (once for every worker). */
  async optimize(
    bytes: Uint8Array,
    requests: OutputRequestInput[],
    options: OptimizeOptionsInput = {},
    frame?: VideoFrame
  ) {
    const outputs = await optimizer.optimize(
      bytes,
      requests,
      options,
      frame && (await decodedFrame(frame, bytes))
    );
    return transfer(
      outputs,
      outputs.map((output) => output.bytes.buffer as ArrayBuffer)
    );
  }
};

exposeApi(api);

export type OptimizeWorkerApi = typeof api;
