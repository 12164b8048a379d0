import type { Rect, Size } from '$core/geometry/rect';
import { instantiate, loadOnce } from '../wasm-module';
import lanczosUrl from './lanczos.wasm?url';

/**
 * sharp's Lanczos3 (libvips 8.18: integer box shrink, then Lanczos3 reduce, vertical first, 12-bit integer
 * coefficients) for RGBA in WebAssembly with SIMD, built from `assembly/index.ts` by scripts/build-wasm.mjs.
 * Its output is sharp's, byte for byte, on the bench's crops (lanczos.test.ts, bench/optimize.ts), where
 * Chromium's own scalers reach mean SSIM 0.9985. Memory is kept between calls: the source's RGBA is written
 * into it once, and every output is scaled into the same scratch memory.
 */
export interface LanczosResizer {
  /** RGBA of `size` to fill with the source: a view of the resizer's memory, valid until the next call. */
  source(size: Size): Uint8ClampedArray<ArrayBuffer>;
  /** The source `source` was last filled with, as a fresh view (a resize may have grown the memory since). */
  sourcePixels(): Uint8ClampedArray<ArrayBuffer>;
  /**
   * `crop` of the source scaled to `size` as opaque RGBA, a view valid until the next call; undefined when an
   * axis grows (libvips enlarges with another filter) or the crop is not inside the source.
   */
  resize(crop: Rect, size: Size): Uint8ClampedArray<ArrayBuffer> | undefined;
}

interface Exports {
  memory: WebAssembly.Memory;
  sourceAddress(bytes: number): number;
  resize(
    sourceWidth: number,
    left: number,
    top: number,
    width: number,
    height: number,
    outWidth: number,
    outHeight: number
  ): number;
}

export async function lanczosResizer(module: WebAssembly.Module): Promise<LanczosResizer> {
  const exports = await instantiate<Exports>(module, 'Lanczos resizer');
  let sourceSize: Size = { width: 0, height: 0 };
  let sourceAt = 0;
  const sourcePixels = () =>
    new Uint8ClampedArray(exports.memory.buffer, sourceAt, sourceSize.width * sourceSize.height * 4);
  return {
    source(size) {
      sourceAt = exports.sourceAddress(size.width * size.height * 4);
      sourceSize = size;
      return sourcePixels();
    },
    sourcePixels,
    resize(crop, size) {
      const inside =
        crop.x >= 0 &&
        crop.y >= 0 &&
        crop.width >= 1 &&
        crop.height >= 1 &&
        crop.x + crop.width <= sourceSize.width &&
        crop.y + crop.height <= sourceSize.height;
      if (!inside || size.width > crop.width || size.height > crop.height) return undefined;
      const at = exports.resize(
        sourceSize.width,
        crop.x,
        crop.y,
        crop.width,
        crop.height,
        size.width,
        size.height
      );
      if (at === 0) return undefined;
      return new Uint8ClampedArray(exports.memory.buffer, at, size.width * size.height * 4);
    }
  };
}

/**
 * This worker's resizer, compiled once. Undefined where WebAssembly SIMD is missing: the caller then scales with
 * the browser's own filter.
 */
export const loadLanczos = loadOnce(
  lanczosUrl,
  lanczosResizer,
  "Lanczos resizer unavailable, scaling with the browser's filter"
);
