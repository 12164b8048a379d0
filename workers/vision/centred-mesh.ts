import type { Human } from '@vladmandic/human';
import type { TensorInfo } from '@tensorflow/tfjs';
import type { Point } from '$core/crop/geometry';
import { replaceWasmKernel } from './wasm-kernel';

interface CropArgs {
  inputs: { image: TensorInfo; boxes: TensorInfo };
  backend: { readSync(dataId: TensorInfo['dataId']): ArrayLike<number> };
  attrs: { cropSize: [number, number] };
}

/** The check under way: the candidate's centre in the view's pixels, and the face mesh's input size. */
let check: (Point & { meshSize?: [number, number] }) | undefined;

/**
 * Lets a check run the face mesh on the candidate only. Human runs the mesh on every face BlazeFace finds in a
 * view, each on its own cut-out; a check's wider views hold the candidate's neighbours too (the 4× view of a
 * group photo, 3 faces), whose mesh scores the check never reads. Human cuts each face out just before it
 * decides whether to run the mesh on it, so this CropAndResize turns the mesh off for a cut-out far from the
 * candidate's centre — the centre outside the detector's box grown twice about its own centre, where neither
 * that box nor the mesh's box of the same face can be the centred find the check keeps — and back on, at the
 * mesh's own input size, for any other. The candidate's own cut-out, and so its mesh score, are as before.
 */
export function meshOnlyCentred(human: Human): void {
  replaceWasmKernel(human, 'CropAndResize', (own) => (args) => {
    const current = check;
    const mesh = human.config.face.mesh;
    if (!current || !mesh) return own(args);
    const { inputs, backend, attrs } = args as unknown as CropArgs;
    // The first cut-out of a check is made with the mesh on, at the mesh's input size.
    current.meshSize ??= attrs.cropSize;
    const [top, left, bottom, right] = Array.from(backend.readSync(inputs.boxes.dataId));
    const [, height, width] = inputs.image.shape as [number, number, number, number];
    const centreX = ((left! + right!) / 2) * width;
    const centreY = ((top! + bottom!) / 2) * height;
    mesh.enabled =
      Math.abs(centreX - current.x) < (right! - left!) * width &&
      Math.abs(centreY - current.y) < (bottom! - top!) * height;
    if (!mesh.enabled) return own(args);
    return own({ ...args, attrs: { ...attrs, cropSize: current.meshSize } } as typeof args);
  });
}

/** Runs `detect` (a detection with the face mesh on) with the mesh only on finds near `centre`. */
export async function withMeshOnCentre<T>(centre: Point, detect: () => Promise<T>): Promise<T> {
  check = { ...centre };
  try {
    return await detect();
  } finally {
    check = undefined;
  }
}
