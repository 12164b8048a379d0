import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Human } from '@vladmandic/human';
import type { DetectionTasks } from '$core/vision/detection';
import { requireWithCodeCache } from './code-cache';
import { humanConfig } from './human-config';
import { meshOnlyCentred } from './centred-mesh';
import { shareIdentity } from './identity-kernel';

const require = createRequire(import.meta.url);
const humanRoot = join(dirname(require.resolve('@vladmandic/human')), '..');

/**
 * Node's fetch has no file: scheme; Human loads weights with fetch, so serve file: URLs from disk. Read at once:
 * an asynchronous read waits for a libuv thread, and sharp's decode and encodes hold them while the models load
 * (the face model was ready ~80 ms later that way in the CLI; the files are 0.1–1.5 MB).
 */
function allowFileFetch(): void {
  const original = globalThis.fetch;
  if ((original as { fileAware?: boolean }).fileAware) return;
  const fileAware = async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith('file:')) return new Response(readFileSync(new URL(url)));
    return original(input, init);
  };
  globalThis.fetch = Object.assign(fileAware, { fileAware: true }) as typeof fetch;
}

let loaded: Promise<Human> | undefined;

/**
 * Human's node-wasm build with the weights straight from node_modules (tests, CLI, bench). Only the face model
 * loads at first: most photos have a face, and Human loads the object model the first time a detection asks
 * for objects.
 */
export function nodeHuman(tasks: DetectionTasks = { faces: true, objects: false }): Promise<Human> {
  loaded ??= (async () => {
    allowFileFetch();
    const { Human: HumanClass } = requireWithCodeCache(
      require,
      join(humanRoot, 'dist/human.node-wasm.js'),
      join(humanRoot, '../../.cache/image-studio/v8')
    ) as { Human: new (config: object) => Human };
    const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    const human = new HumanClass(
      humanConfig(
        { modelBasePath: `${pathToFileURL(join(humanRoot, 'models')).href}/`, wasmPath: `${wasmDir}/` },
        tasks
      )
    );
    await human.load();
    shareIdentity(human);
    meshOnlyCentred(human);
    return human;
  })();
  return loaded;
}
