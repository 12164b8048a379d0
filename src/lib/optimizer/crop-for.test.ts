import { describe, expect, it } from 'vitest';
import { presetById } from '$core/platforms';
import type { Analysis } from '$core/optimize';
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
    const { crop, byUser } = cropFor(square, { analysis });
    expect(byUser).toBe(false);
    expect(crop.x).toBeLessThanOrEqual(1500);
    expect(crop.x + crop.width).toBeGreaterThanOrEqual(1700);
  });

  it('lets a pinned focal point move the crop, and the user crop win over both', () => {
    const left = cropFor(square, { analysis, pinnedFocal: { x: 0, y: 640 } });
    expect(left.crop.x).toBe(0);
    expect(left.warnings.map((warning) => warning.code)).toContain('face_left_out');
    const userCrop = { x: 100, y: 0, width: 1000, height: 1000 };
    expect(cropFor(square, { analysis, pinnedFocal: { x: 0, y: 0 }, userCrop })).toMatchObject({
      crop: userCrop,
      byUser: true
    });
  });
});

describe('cachedCropFor', () => {
  it('returns the same answer for the same inputs, and a new one when the focal point moves', () => {
    const cached = cachedCropFor();
    const first = cached('photo', square, { analysis });
    expect(cached('photo', square, { analysis })).toBe(first);
    const moved = cached('photo', square, { analysis, pinnedFocal: { x: 0, y: 640 } });
    expect(moved).not.toBe(first);
    expect(moved.crop).toEqual(cropFor(square, { analysis, pinnedFocal: { x: 0, y: 640 } }).crop);
  });
});
