/// <reference lib="webworker" />
import { transfer } from 'comlink';
import wasmUrl from '@imagemagick/magick-wasm/magick.wasm?url';
import type { OptimizeOptionsInput, OutputRequestInput } from '$core/optimize/schema';
import { useMagickWasm } from '../image/magick';
import { exposeApi } from '../shared/expose';
import { browserCodec, browserDecodes, renderedFromBitmap, takeBitmap } from './browser-codec';
import { createOptimizer, type PlannedOutput } from './pipeline';
import { checkSource } from './source';

// The wasm is the file Vite emitted next to this bundle, and the service worker precaches it: never a CDN.
useMagickWasm(async () => new URL(wasmUrl, self.location.href));

const magick = async () => (await import('./magick-codec')).magickCodec;

const optimizer = createOptimizer({
  async codecFor(bytes) {
    return browserDecodes(checkSource(bytes)) ? browserCodec : magick();
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

/** Receives each scaled output of `render`, to pass to a worker that encodes it. */
export type HandOff = (index: number, bitmap: ImageBitmap, planned: PlannedOutput) => void;

const api = {
  analyze: optimizer.analyze,
  async optimize(bytes: Uint8Array, requests: OutputRequestInput[], options: OptimizeOptionsInput = {}) {
    const outputs = await optimizer.optimize(bytes, requests, options);
    return transfer(
      outputs,
      outputs.map((output) => output.bytes.buffer as ArrayBuffer)
    );
  },
  /**
   * The first half of one source shared by workers (a format the browser decodes): decodes, detects and
   * scales here, and hands each scaled output over as soon as it is ready, without a copy.
   */
  async render(
    bytes: Uint8Array,
    requests: OutputRequestInput[],
    options: OptimizeOptionsInput,
    handOff: HandOff
  ) {
    const delivered: unknown[] = [];
    await optimizer.renderEach(bytes, requests, options, (index, rendered, planned) => {
      const bitmap = takeBitmap(rendered);
      delivered.push(handOff(index, transfer(bitmap, [bitmap]), planned));
    });
    await Promise.all(delivered);
  },
  /** The second half: encodes one output `render` handed over. */
  async encode(bitmap: ImageBitmap, planned: PlannedOutput) {
    const output = await optimizer.finish(renderedFromBitmap(bitmap), browserCodec, planned);
    return transfer(output, [output.bytes.buffer as ArrayBuffer]);
  }
};

exposeApi(api);

export type OptimizeWorkerApi = typeof api;
