import type { Human } from '@vladmandic/human';
import type { TensorInfo } from '@tensorflow/tfjs';
import type { Point } from '$core/crop/geometry';
import { headBox, type Detection, type DetectionTasks, type ScoredBox } from '$core/vision/detection';
import { withMeshOnCentre } from './centred-mesh';

/** Interleaved RGB pixels, upright. */
export interface RgbPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

const clampBox = (
  [x, y, width, height]: [number, number, number, number],
  scale: number,
  bounds: { width: number; height: number }
) => {
  const left = Math.max(0, x / scale);
  const top = Math.max(0, y / scale);
  return {
    x: left,
    y: top,
    width: Math.min(bounds.width, (x + width) / scale) - left,
    height: Math.min(bounds.height, (y + height) / scale) - top
  };
};

function setMesh(human: Human, enabled: boolean): void {
  const mesh = human.config.face.mesh;
  if (mesh) mesh.enabled = enabled;
}

/** The wasm backend's own calls for a tensor in its heap (those its kernels use for their outputs). */
interface WasmHeap {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

/**
 * The pixels as the [height, width, 3] float tensor Human takes, converted to float straight into the wasm
 * heap in one native typed-array copy. Through an int32 tensor and tfjs's cast it costs an element-by-element
 * JS conversion plus a wasm pass, about 100 ms per 1280×960 frame, for the same values; through a float array
 * tfjs copies into its heap, one more frame of memory first touched (page faults) on each larger input.
 * Three dimensions, not four: Human adds the batch axis to a 3-D tensor as a view of the same memory, but
 * clones a 4-D one — one more copy of the frame in the wasm heap per call.
 */
function inputTensor(human: Human, pixels: RgbPixels) {
  const { tf } = human;
  const shape: [number, number, number] = [pixels.height, pixels.width, 3];
  if (tf.getBackend() !== 'wasm') return tf.tensor3d(new Float32Array(pixels.data), shape, 'float32');
  const heap = tf.backend() as unknown as WasmHeap;
  const info = heap.makeOutput(shape, 'float32');
  heap.typedArrayFromHeap(info).set(pixels.data);
  return tf.engine().makeTensorFromTensorInfo(info);
}

/** One BlazeFace find, in the pixels it was given: the tight box (before `headBox`) and its scores. */
export interface RawFace {
  box: [number, number, number, number];
  score: number;
  /** The face mesh's confidence that this is a face, when the mesh ran (`mesh: true`). */
  mesh?: number;
}

/**
 * BlazeFace alone on these pixels (whole, squeezed to its square input), or with the face mesh on each find
 * when `mesh` is true: the mesh is a second model that only fits a real face, so its score is an independent
 * check of the detector's. With `centre` (in these pixels), the mesh runs only on finds near it: the other
 * finds come back with the detector's box and a mesh score of 0 (see `meshOnlyCentred`).
 */
export async function findFaces(
  human: Human,
  pixels: RgbPixels,
  mesh: boolean,
  centre?: Point
): Promise<RawFace[]> {
  const { tf } = human;
  const input = inputTensor(human, pixels);
  try {
    human.config.face.enabled = true;
    human.config.object.enabled = false;
    setMesh(human, mesh);
    const detect = () => human.detect(input as Parameters<Human['detect']>[0]);
    const result = await (mesh && centre ? withMeshOnCentre(centre, detect) : detect());
    return result.face.map((face) => ({
      box: face.box,
      score: face.boxScore ?? face.score,
      ...(mesh ? { mesh: face.faceScore ?? 0 } : {})
    }));
  } finally {
    setMesh(human, false);
    tf.dispose(input);
  }
}

/**
 * Runs the enabled detectors on pixels that may have been downscaled by `scale` from the source, and maps
 * every box back to source pixels.
 */
export async function detectInPixels(
  human: Human,
  pixels: RgbPixels,
  tasks: DetectionTasks,
  source: { width: number; height: number; scale: number }
): Promise<Detection> {
  const { tf } = human;
  const input = inputTensor(human, pixels);
  const started = performance.now();
  try {
    human.config.face.enabled = tasks.faces;
    human.config.object.enabled = tasks.objects;
    const result = await human.detect(input as Parameters<Human['detect']>[0]);
    const bounds = { width: source.width, height: source.height };
    const faces: ScoredBox[] = result.face.map((face) => ({
      ...headBox(clampBox(face.box, source.scale, bounds), bounds),
      score: face.boxScore ?? face.score
    }));
    const objects = result.object.map((object) => ({
      ...clampBox(object.box, source.scale, bounds),
      score: object.score,
      label: object.label
    }));
    return { width: source.width, height: source.height, faces, objects, ms: performance.now() - started };
  } finally {
    tf.dispose(input);
  }
}
