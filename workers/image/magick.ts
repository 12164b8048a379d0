import { initializeImageMagick } from '@imagemagick/magick-wasm';

/** Where the wasm comes from differs by host: a bundled URL in the browser, file bytes under Node. */
export type MagickWasmSource = URL | Uint8Array;

let source: (() => Promise<MagickWasmSource>) | undefined;
let ready: Promise<void> | undefined;

export function useMagickWasm(load: () => Promise<MagickWasmSource>): void {
  source = load;
}

/** Initialises magick-wasm once per worker or process; concurrent callers share the same promise. */
export function magickReady(): Promise<void> {
  if (!source) throw new Error('magick-wasm source not configured: call useMagickWasm() first');
  ready ??= source().then((wasm) => initializeImageMagick(wasm));
  return ready;
}
