import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type Tf = typeof tf;

let ready: Promise<Tf> | undefined;

/**
 * TF.js on its wasm backend, with the wasm files from `wasmPath` (the app's own /tfjs/, or node_modules under
 * Node): WebGL in a worker is software-rendered on machines without a GPU and slower than wasm there.
 */
export function startTf(wasmPath: string): Promise<Tf> {
  ready ??= (async () => {
    setWasmPaths(wasmPath);
    await tf.setBackend('wasm');
    await tf.ready();
    return tf;
  })();
  return ready;
}
