// Copies model weights and TF.js wasm from node_modules into static/, so the app ships them and the service
// worker precaches them: nothing is fetched from a CDN or a model hub at run time. Runs on install and build.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
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

/** On-device AI models (cut-out, upscale): the catalog says where each comes from and which ship in the app. */
const catalog = JSON.parse(readFileSync('src/lib/core/ai/model-catalog.json', 'utf8'));
/** The package's folder (UpscalerJS's exports map hides package.json, so walk up from its entry point). */
const packageDir = (name) => {
  const entry = require.resolve(name);
  return entry.slice(0, entry.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}`.length);
};
const aiModels = catalog.models
  .filter((model) => model.app)
  .flatMap((model) =>
    model.files.map((file) => [
      join(model.vendored ?? join(packageDir(model.origin.package), model.origin.folder), file.name),
      `static/${model.to}/${file.name}`
    ])
  );

const copies = [
  ...aiModels,
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
