import { describe, expect, it } from 'vitest';
import type { RawFace, RgbPixels } from '../vision/detect';
import type { Codec } from './codec';
import { createOptimizer } from './pipeline';

const FRAME = 1000;

/**
 * A detector that finds one candidate of side `side` in the whole frame and, in every view of it the face
 * check asks for (told apart by the view's size), the same candidate at the score `again(viewSide)`; the face
 * mesh never fits it, as with a tilted, laughing head or a pattern.
 */
function optimizerSeeing(side: number, score: number, again: (viewSide: number) => number) {
  const grey: RgbPixels = { data: new Uint8Array(FRAME * FRAME * 3).fill(128), width: FRAME, height: FRAME };
  const codec: Codec = {
    name: 'fake',
    encodes: [],
    decode: async () => ({
      width: FRAME,
      height: FRAME,
      rgb: async () => ({ pixels: grey, scale: 1 }),
      render: () => Promise.reject(new Error('not rendered here')),
      dispose: () => undefined
    })
  };
  const views: number[] = [];
  const optimizer = createOptimizer({
    codecFor: async () => codec,
    detect: async (_pixels, source) => ({ ...source, faces: [], objects: [], ms: 0 }),
    async findFaces(pixels, mesh): Promise<RawFace[]> {
      if (pixels.width === FRAME) return [{ box: [450, 450, side, side], score }];
      // The half-frame windows of the small-face search see nothing more.
      if (pixels.width === FRAME / 2) return [];
      views.push(pixels.width);
      const found = again(pixels.width);
      const box: RawFace['box'] = [(pixels.width - side) / 2, (pixels.height - side) / 2, side, side];
      return found > 0 ? [{ box, score: found, ...(mesh ? { mesh: 0 } : {}) }] : [];
    }
  });
  return { analyze: () => optimizer.analyze(new Uint8Array([1])), views };
}

describe('the second check of a face candidate where the face mesh cannot judge', () => {
  it('keeps a face the mesh rejects when the detector finds it again at 0.68 or more in every framing', async () => {
    const { analyze, views } = optimizerSeeing(100, 0.76, () => 0.78);
    const [face] = (await analyze()).detections.faces;
    expect(face?.check).toEqual({ kept: true, by: 'framings', mesh: 0 });
    // Two mesh views (1.8× and 4× the face) and three detector-only ones (1.4×, 2.6×, 4×).
    expect(views.sort((a, b) => a - b)).toEqual([140, 180, 260, 400, 400]);
  });

  it('drops it when one framing loses it, and asks no further framing after the mesh views fail', async () => {
    const lostWide = optimizerSeeing(100, 0.76, (view) => (view === 260 ? 0.64 : 0.8));
    expect((await lostWide.analyze()).detections.faces[0]?.check).toEqual({
      kept: false,
      by: 'mesh',
      mesh: 0
    });
    const weakInMeshViews = optimizerSeeing(100, 0.76, (view) => (view === 400 ? 0.5 : 0.8));
    expect((await weakInMeshViews.analyze()).detections.faces[0]?.check?.kept).toBe(false);
    expect(weakInMeshViews.views.sort((a, b) => a - b)).toEqual([180, 400]);
  });

  it('keeps a face too small for the mesh only when a wider view finds it again', async () => {
    const real = optimizerSeeing(30, 0.7, (view) => (view === 78 ? 0 : 0.55));
    expect((await real.analyze()).detections.faces[0]?.check).toEqual({ kept: true, by: 'framings' });
    expect(real.views).toEqual([78, 54]);
    const gravel = optimizerSeeing(30, 0.7, (view) => (view === 54 ? 0.33 : 0));
    expect((await gravel.analyze()).detections.faces[0]?.check).toEqual({ kept: false, by: 'framings' });
  });
});
