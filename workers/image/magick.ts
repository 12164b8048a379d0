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
  // The library itself loads here too: most Node runs (the CLI on JPEGs) never need it, and its 400 KB of
  // JavaScript would cost every start.
  ready ??= Promise.all([source(), import('@imagemagick/magick-wasm')]).then(
    ([wasm, { initializeImageMagick }]) => initializeImageMagick(wasm)
  );
  return ready;
}
