import { describe, expect, it } from 'vitest';
import { faceBoxAtCentre, fitFaceBox, MIN_FACE_SIDE, sameBox } from './face-boxes';

const source = { width: 1000, height: 600 };

describe('fitFaceBox', () => {
  it('takes a box dragged up and to the left as the same box, in whole pixels', () => {
    expect(fitFaceBox({ x: 300.4, y: 200.6, width: -100.2, height: -80.3 }, source)).toEqual({
      x: 200,
      y: 120,
      width: 100,
      height: 80
    });
  });

  it('keeps a box inside the source and at least the smallest face', () => {
    expect(fitFaceBox({ x: 996, y: -20, width: 2, height: 50 }, source)).toEqual({
      x: 1000 - MIN_FACE_SIDE,
      y: 0,
      width: MIN_FACE_SIDE,
      height: 50
    });
  });
});

describe('faceBoxAtCentre', () => {
  it('puts a square a tenth of the crop’s shorter side at its centre', () => {
    expect(faceBoxAtCentre({ x: 100, y: 0, width: 400, height: 600 }, source)).toEqual({
      x: 280,
      y: 280,
      width: 40,
      height: 40
    });
  });
});

describe('sameBox', () => {
  it('matches on all four coordinates', () => {
    const box = { x: 1, y: 2, width: 3, height: 4 };
    expect(sameBox(box, { ...box })).toBe(true);
    expect(sameBox(box, { ...box, height: 5 })).toBe(false);
  });
});
