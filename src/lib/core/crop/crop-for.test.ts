import { describe, expect, it } from 'vitest';
import type { Analysis } from '../optimize/schema';
import { presetById } from '../platforms/select';
import { cachedCropFor, cropFor } from './crop-for';

const analysis: Analysis = {
  width: 1920,
  height: 1280,
  detections: { faces: [{ x: 1500, y: 200, width: 200, height: 200, score: 0.9 }], objects: [] },
  focal: { x: 1600, y: 300, source: 'faces' },
  ms: 1
};
const square = presetById('instagram-square')!;

describe('cropFor', () => {
  it('keeps the detected face in the automatic crop', () => {
    const { crop, strategy } = cropFor(square, { analysis });
    expect(strategy).toBe('faces');
    expect(crop.x).toBeLessThanOrEqual(1500);
    expect(crop.x + crop.width).toBeGreaterThanOrEqual(1700);
  });

  it('moves toward a pinned focal point only as far as the face allows, and the user crop wins over both', () => {
    const left = cropFor(square, { analysis, user: { focal: { x: 0, y: 640 } } });
    expect(left.strategy).toBe('focal');
    // As far left as keeps the face (1500–1700) inside: the crop's right edge at the face's right edge.
    expect(left.crop.x + left.crop.width).toBeGreaterThanOrEqual(1700);
    expect(left.crop.x).toBeLessThan(cropFor(square, { analysis }).crop.x);
    const codes = left.warnings.map((warning) => warning.code);
    expect(codes).not.toContain('face_cut');
    expect(codes).not.toContain('face_left_out');
    const userCrop = { x: 100, y: 0, width: 1000, height: 1000 };
    expect(cropFor(square, { analysis, user: { focal: { x: 0, y: 0 } }, userCrop })).toMatchObject({
      crop: userCrop,
      strategy: 'user'
    });
  });
});

describe('cachedCropFor', () => {
  it('returns the same answer for the same inputs, and a new one when the focal point moves', () => {
    const cached = cachedCropFor();
    const first = cached('photo', square, { analysis });
    expect(cached('photo', square, { analysis })).toBe(first);
    const moved = cached('photo', square, { analysis, user: { focal: { x: 0, y: 640 } } });
    expect(moved).not.toBe(first);
    expect(moved.crop).toEqual(cropFor(square, { analysis, user: { focal: { x: 0, y: 640 } } }).crop);
  });
});
