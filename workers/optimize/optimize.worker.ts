/// <reference lib="webworker" />
import { releaseProxy, transfer, type ProxyMarked, type Remote } from 'comlink';
import wasmUrl from '@imagemagick/magick-wasm/magick.wasm?url';
import type { OptimizeOptionsInput, OutputRequestInput } from '$core/optimize/schema';
import { useMagickWasm } from '../image/magick';
import { exposeApi } from '../comlink/expose';
import { browserCodec, decodedFrame } from './browser-codec';
import { browserDecodes } from './decode';
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
  async findFaces(pixels, mesh, centre) {
    const [{ browserHuman }, { findFaces }] = await Promise.all([
      import('../vision/browser-human'),
      import('../vision/detect')
    ]);
    return findFaces(await browserHuman(), pixels, mesh, centre);
  },
  async detect(pixels, source, tasks) {
    const [{ browserHuman }, { detectInPixels }] = await Promise.all([
      import('../vision/browser-human'),
      import('../vision/detect')
    ]);
    return detectInPixels(await browserHuman(), pixels, tasks, source);
  }
});

/** Outputs cross back to the page without a copy; entries left undefined are another worker's. */
const transferred = <T extends { bytes: Uint8Array } | undefined>(outputs: T[]) =>
  transfer(
    outputs,
    outputs.flatMap((output) => (output ? [output.bytes.buffer as ArrayBuffer] : []))
  );

const api = {
  analyze: optimizer.analyze,
  /** `frame`, when given, is `bytes` already decoded by `decodeShared` (once for every worker). */
  async optimize(
    bytes: Uint8Array,
    requests: OutputRequestInput[],
    options: OptimizeOptionsInput = {},
    frame?: VideoFrame
  ) {
    return transferred(
      await optimizer.optimize(bytes, requests, options, frame && (await decodedFrame(frame, bytes)))
    );
  },
  /**
   * One share of a source several workers render: the requests whose indices the page's `take` hands out,
   * asked for one at a time, so a worker that runs ahead takes more (see `optimizeAcross`).
   */
  async optimizeTaken(
    bytes: Uint8Array,
    requests: OutputRequestInput[],
    options: OptimizeOptionsInput,
    frame: VideoFrame | undefined,
    take: Remote<(() => number | undefined) & ProxyMarked>
  ) {
    try {
      const decoded = frame && (await decodedFrame(frame, bytes));
      return transferred(await optimizer.optimizeTaken(bytes, requests, options, decoded, () => take()));
    } finally {
      take[releaseProxy]();
    }
  }
};

exposeApi(api);

export type OptimizeWorkerApi = typeof api;
