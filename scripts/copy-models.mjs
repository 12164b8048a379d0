// Copies model weights and TF.js wasm from node_modules into static/, so the app ships them and the service
// worker precaches them: nothing is fetched from a CDN or a model hub at run time. Runs on install and build.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const humanRoot = join(dirname(require.resolve('@vladmandic/human')), '..');
const tfjsWasmRoot = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));

/** Human's models the app uses: faces (BlazeFace, checked by the face mesh) and objects (CenterNet, COCO labels). */
const humanModels = ['blazeface', 'facemesh', 'centernet'];
const tfjsWasm = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm'
];

const copies = [
  ...humanModels.flatMap((name) =>
    ['json', 'bin'].map((ext) => [
      join(humanRoot, 'models', `${name}.${ext}`),
      `static/models/human/${name}.${ext}`
    ])
  ),
  ...tfjsWasm.map((name) => [join(tfjsWasmRoot, name), `static/tfjs/${name}`])
];

for (const [from, to] of copies) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}
console.log(`copy-models: ${copies.length} files into static/models and static/tfjs`);
