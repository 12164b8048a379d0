import { describe, expect, it } from 'vitest';
import { cssTransform, fitView, panView, viewKey, wheelFactor, zoomAround } from './view';

describe('fitView', () => {
  it('scales a wide image to the frame width and centres it vertically', () => {
    expect(fitView({ width: 400, height: 300 }, { width: 800, height: 200 })).toEqual({
      scale: 0.5,
      x: 0,
      y: 100
    });
  });

  it('scales a tall image to the frame height and centres it horizontally, enlarging a small one', () => {
    expect(fitView({ width: 400, height: 300 }, { width: 50, height: 100 })).toEqual({
      scale: 3,
      x: 125,
      y: 0
    });
  });
});

describe('zoomAround', () => {
  it('keeps the image point under the zoom centre in place', () => {
    const before = { scale: 0.5, x: 10, y: 20 };
    const after = zoomAround(before, 2, 110, 70);
    // Image point under (110, 70) before: ((110 - 10) / 0.5, (70 - 20) / 0.5) = (200, 100).
    expect(after).toEqual({ scale: 2, x: 110 - 200 * 2, y: 70 - 100 * 2 });
    expect(zoomAround(after, 0.5, 110, 70)).toEqual(before);
  });
});

describe('panView', () => {
  it('moves the image without changing its scale', () => {
    expect(panView({ scale: 3, x: 1, y: 2 }, -5, 7)).toEqual({ scale: 3, x: -4, y: 9 });
  });
});

describe('cssTransform', () => {
  it('translates before scaling, so the offset is in frame pixels', () => {
    expect(cssTransform({ scale: 1.5, x: -10, y: 4 })).toBe('translate(-10px, 4px) scale(1.5)');
  });
});

describe('viewKey', () => {
  it('moves the view the way the arrow points and zooms in and out by the same step', () => {
    expect(viewKey('ArrowLeft')).toEqual({ kind: 'pan', dx: 40, dy: 0 });
    expect(viewKey('ArrowRight')).toEqual({ kind: 'pan', dx: -40, dy: 0 });
    expect(viewKey('ArrowUp')).toEqual({ kind: 'pan', dx: 0, dy: 40 });
    expect(viewKey('ArrowDown')).toEqual({ kind: 'pan', dx: 0, dy: -40 });
    const zoomIn = viewKey('+');
    const zoomOut = viewKey('-');
    expect(viewKey('=')).toEqual(zoomIn);
    expect(zoomIn?.kind === 'zoom' && zoomOut?.kind === 'zoom' && zoomIn.factor * zoomOut.factor).toBe(1);
  });

  it('leaves other keys to the page', () => {
    expect(viewKey('a')).toBeUndefined();
    expect(viewKey('Enter')).toBeUndefined();
  });
});

describe('wheelFactor', () => {
  it('zooms in when scrolled up and out by the inverse when scrolled down', () => {
    expect(wheelFactor(-3, 1.2)).toBe(1.2);
    expect(wheelFactor(3, 1.2)).toBeCloseTo(1 / 1.2);
  });
});
