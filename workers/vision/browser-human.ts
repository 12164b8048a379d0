/// <reference lib="webworker" />
import { Human } from '@vladmandic/human';
import { humanConfig } from './human-config';
import { meshOnlyCentred } from './centred-mesh';
import { shareIdentity } from './identity-kernel';

let human: Human | undefined;
let ready: Promise<Human> | undefined;

/**
 * Human in a worker, loaded once: weights and wasm are files of this app (copied into static/ at build,
 * precached by the service worker), never a CDN.
 */
export function browserHuman(): Promise<Human> {
  human ??= new Human(
    humanConfig(
      {
        modelBasePath: new URL('/models/human/', self.location.origin).href,
        wasmPath: new URL('/tfjs/', self.location.origin).href
      },
      { faces: true, objects: true }
    )
  );
  const loading = human;
  ready ??= loading.load().then(() => {
    shareIdentity(loading);
    meshOnlyCentred(loading);
    return loading;
  });
  return ready;
}
