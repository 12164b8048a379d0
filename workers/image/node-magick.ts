import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { useMagickWasm } from './magick';

/** Under Node (tests, CLI, bench) the wasm is read from node_modules instead of fetched. */
export function useNodeMagickWasm(): void {
  const require = createRequire(import.meta.url);
  useMagickWasm(
    async () => new Uint8Array(await readFile(require.resolve('@imagemagick/magick-wasm/magick.wasm')))
  );
}
