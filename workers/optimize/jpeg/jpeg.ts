import type { Size } from '$core/geometry/rect';
import { instantiate, loadOnce } from '../wasm-module';
import jpegUrl from './jpeg.wasm?url';

/**
 * A baseline JPEG encoder (IJG quality tables, 4:2:0, optimised Huffman tables: what Chromium's canvas encoder
 * and sharp write) in WebAssembly with SIMD, built from `assembly/index.ts` by scripts/build-wasm.mjs. Its memory
 * is kept between calls: in a worker, `convertToBlob` touches fresh memory for every output (a copy of the
 * canvas and libjpeg's buffers, ~40% of its time on a VM), this encoder only while it meets a larger output.
 */
export interface JpegEncoder {
  /** Opaque RGBA (`size`, alpha ignored) as a JPEG file of `quality` 1–100, in a buffer of its own. */
  encode(rgba: Uint8Array | Uint8ClampedArray, size: Size, quality: number): Uint8Array<ArrayBuffer>;
}

interface Exports {
  memory: WebAssembly.Memory;
  inputAddress(width: number, height: number): number;
  encode(width: number, height: number, quality: number): number;
  outputAddress(): number;
}

export async function jpegEncoder(module: WebAssembly.Module): Promise<JpegEncoder> {
  const exports = await instantiate<Exports>(module, 'JPEG encoder');
  return {
    encode(rgba, { width, height }, quality) {
      if (width < 1 || height < 1 || rgba.length < width * height * 4) {
        throw new RangeError(
          `${width}×${height} RGBA needs ${width * height * 4} bytes, got ${rgba.length}.`
        );
      }
      const at = exports.inputAddress(width, height);
      new Uint8Array(exports.memory.buffer, at, width * height * 4).set(rgba.subarray(0, width * height * 4));
      const length = exports.encode(width, height, Math.round(quality));
      return new Uint8Array(exports.memory.buffer, exports.outputAddress(), length).slice();
    }
  };
}

/** This worker's encoder, compiled once; undefined where WebAssembly SIMD is missing (the canvas encodes). */
export const loadJpegEncoder = loadOnce(
  jpegUrl,
  jpegEncoder,
  "JPEG encoder unavailable, encoding with the browser's"
);
