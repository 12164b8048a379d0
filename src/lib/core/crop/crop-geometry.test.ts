import { describe, expect, it } from 'vitest';
import { clampPoint, fitUserCrop, nudgeCrop, scaleCrop } from './crop-geometry';

const source = { width: 1920, height: 1280 };
const square = { width: 1080, height: 1080 };

describe('fitUserCrop', () => {
  it('keeps the preset aspect from the width and rounds to whole pixels', () => {
    expect(fitUserCrop({ x: 100.4, y: 50.6, width: 600.2, height: 590 }, square, source)).toEqual({
      x: 100,
      y: 46,
      width: 600,
      height: 600
    });
  });

  it('shrinks an oversized crop to the largest that fits and pulls it inside', () => {
    expect(fitUserCrop({ x: 1500, y: 900, width: 3000, height: 3000 }, square, source)).toEqual({
      x: 640,
      y: 0,
      width: 1280,
      height: 1280
    });
  });

  it('never lets a tall preset run past the bottom', () => {
    const crop = fitUserCrop(
      { x: 0, y: 1000, width: 720, height: 1280 },
      { width: 1080, height: 1920 },
      source
    );
    expect(crop.y + crop.height).toBeLessThanOrEqual(source.height);
    expect(crop.width / crop.height).toBeCloseTo(1080 / 1920, 2);
  });
});

describe('keyboard moves', () => {
  it('nudges by a share of the source and stops at the edge', () => {
    const crop = { x: 0, y: 0, width: 1280, height: 1280 };
    expect(nudgeCrop(crop, 0.1, 0, source)).toMatchObject({ x: 192, y: 0 });
    expect(nudgeCrop(crop, 1, 1, source)).toMatchObject({ x: 640, y: 0 });
  });

  it('scales about the centre', () => {
    expect(scaleCrop({ x: 100, y: 100, width: 200, height: 100 }, 0.5)).toEqual({
      x: 150,
      y: 125,
      width: 100,
      height: 50
    });
  });

  it('keeps a focal point inside the source', () => {
    expect(clampPoint({ x: -5, y: 2000.4 }, source)).toEqual({ x: 0, y: 1280 });
  });
});
