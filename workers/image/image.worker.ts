/// <reference lib="webworker" />
import { transfer } from 'comlink';
import wasmUrl from '@imagemagick/magick-wasm/magick.wasm?url';
import type { ResizeOptionsInput } from '$core/image/operations';
import { exposeApi } from '../comlink/expose';
import { probe, resize } from './image-ops';
import { useMagickWasm } from './magick';
import { summarise } from './summary';

// The wasm is the file Vite emitted next to this bundle, and the service worker precaches it: never a CDN.
useMagickWasm(async () => new URL(wasmUrl, self.location.href));

const api = {
  probe,
  async resize(bytes: Uint8Array, options: ResizeOptionsInput) {
    const result = await resize(bytes, options);
    return transfer(result, [result.bytes.buffer]);
  },
  async summarise(bytes: Uint8Array) {
    const summary = await summarise(bytes);
    return transfer(summary, [summary.thumbnail.bytes.buffer]);
  }
};

exposeApi(api);

export type ImageWorkerApi = typeof api;
