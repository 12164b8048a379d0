import type { Config } from '@vladmandic/human';
import type { DetectionTasks } from '$core/vision/detection';

export interface ModelLocation {
  /** Folder holding blazeface.json/.bin and centernet.json/.bin (file:// under Node). */
  modelBasePath: string;
  /** Folder holding the tfjs-backend-wasm*.wasm files. */
  wasmPath: string;
}

/**
 * Human with only the models we ship turned on, on the wasm backend (the fastest here: 33–87 ms per face
 * pass, against 500–850 ms for cpu or software WebGL), and with every default that would reach a CDN or
 * cache models in IndexedDB overridden.
 */
export function humanConfig(location: ModelLocation, tasks: DetectionTasks): Partial<Config> {
  const off = { enabled: false };
  return {
    backend: 'wasm',
    wasmPath: location.wasmPath,
    modelBasePath: location.modelBasePath,
    cacheModels: false,
    // Human is made for video: by default it reuses the last frame's face boxes while the input changed less
    // than 70 % and under 2.5 s passed. Our calls are different windows and photos, often of similar texture
    // (grass beside a panorama's face), so a cached box belonged to another window, and timing decided which.
    cacheSensitivity: 0,
    warmup: 'none',
    debug: false,
    async: true,
    filter: off,
    gesture: off,
    body: off,
    hand: off,
    segmentation: off,
    face: {
      enabled: tasks.faces,
      detector: {
        enabled: true,
        modelPath: 'blazeface.json',
        rotation: false,
        maxDetected: 50,
        minConfidence: 0.2,
        return: false,
        // The tight face box; detect.ts grows it into a head box (the default 1.4 overshoots sideways).
        scale: 1,
        square: false
      },
      // Off for the search; `faceScores` turns it on for the second check of each candidate.
      mesh: { enabled: false, modelPath: 'facemesh.json', keepInvalid: true },
      iris: off,
      description: off,
      emotion: off,
      antispoof: off,
      liveness: off,
      attention: off
    },
    object: { enabled: tasks.objects, modelPath: 'centernet.json', minConfidence: 0.3, maxDetected: 20 }
  } as Partial<Config>;
}
