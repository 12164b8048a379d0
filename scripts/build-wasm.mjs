// Compiles the app's AssemblyScript (WebAssembly with SIMD) into the .wasm files the workers import: run by
// `npm install` (prepare) and the app build, so a checkout needs no compiled file in git. Skips a module whose
// output is newer than its sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import asc from 'assemblyscript/asc';

/** Each module: its AssemblyScript folder (entry `index.ts`) and the .wasm written beside the code that loads it. */
const modules = [
  { source: 'workers/optimize/lanczos/assembly', out: 'workers/optimize/lanczos/lanczos.wasm' },
  { source: 'workers/optimize/jpeg/assembly', out: 'workers/optimize/jpeg/jpeg.wasm' }
];

/** What every module imports besides its own folder. */
const common = 'workers/optimize/assembly';

const newest = (folder) =>
  Math.max(
    ...[folder, common].flatMap((at) => readdirSync(at).map((name) => statSync(join(at, name)).mtimeMs)),
    statSync(import.meta.filename).mtimeMs
  );

for (const { source, out } of modules) {
  if (existsSync(out) && statSync(out).mtimeMs > newest(source)) continue;
  const { error, stderr } = await asc.main([
    join(source, 'index.ts'),
    '--outFile',
    out,
    '--optimizeLevel',
    '3',
    '--runtime',
    'stub',
    '--enable',
    'simd',
    '--noAssert'
  ]);
  if (error) {
    console.error(stderr.toString());
    throw error;
  }
  console.log(`build-wasm: ${out}`);
}
