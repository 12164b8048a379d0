import { useNodeMagickWasm } from '../image/node-magick';
import { detectInPixels, findFaces } from '../vision/detect';
import { nodeHuman } from '../vision/node-human';
import { createOptimizer, type Optimizer } from './pipeline';
import { sharpCodec } from './sharp-codec';
import { checkSource } from '$core/image/check-source';

/** sharp's prebuilt libvips has no HEVC decoder and no JPEG XL: those go to magick-wasm. */
const magickOnly = new Set(['heic', 'jxl']);

let optimizer: Optimizer | undefined;

/** The optimizer under Node (CLI, tests, bench): sharp for pixels, Human on tfjs wasm for detection. */
export function nodeOptimizer(): Optimizer {
  if (optimizer) return optimizer;
  useNodeMagickWasm();
  optimizer = createOptimizer({
    async codecFor(bytes) {
      return magickOnly.has(checkSource(bytes)) ? (await import('./magick-codec')).magickCodec : sharpCodec;
    },
    // sharp writes from its own pipeline; padded frames are composed as RGBA and written by magick-wasm.
    fallbackEncoder: async () => (await import('./magick-codec')).magickCodec,
    async findFaces(pixels, mesh, centre) {
      return findFaces(await nodeHuman(), pixels, mesh, centre);
    },
    async detect(pixels, source, tasks) {
      return detectInPixels(await nodeHuman(), pixels, tasks, source);
    },
    prepareDetector() {
      // After this turn, so the decode is already queued on sharp's threads while Human's code loads here;
      // a failed load is reported by detect(), which awaits the same promise.
      setImmediate(() => nodeHuman().catch(() => undefined));
    }
  });
  return optimizer;
}
