import { describe, expect, it } from 'vitest';
import { unsharpMask } from './detail';

const plane = (width: number, height: number, at: (x: number, y: number) => number) => {
  const values = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) values.fill(at(x, y), (y * width + x) * 3, (y * width + x) * 3 + 3);
  return values;
};

describe('unsharpMask', () => {
  it('leaves a flat image as it is', () => {
    const values = plane(16, 16, () => 120);
    unsharpMask(values, 16, 16, { sigma: 1.5, amount: 0.5 });
    expect(values.every((value) => Math.abs(value - 120) < 1e-3)).toBe(true);
  });

  it('steepens an edge: darker just before it, lighter just after, unchanged far away', () => {
    const values = plane(32, 4, (x) => (x < 16 ? 80 : 160));
    unsharpMask(values, 32, 4, { sigma: 1.5, amount: 0.5 });
    const at = (x: number) => values[(32 + x) * 3]!;
    expect(at(15)).toBeLessThan(80);
    expect(at(16)).toBeGreaterThan(160);
    expect(at(0)).toBeCloseTo(80, 3);
    expect(at(31)).toBeCloseTo(160, 3);
  });

  it('keeps values within 0–255', () => {
    const values = plane(32, 4, (x) => (x < 16 ? 0 : 255));
    unsharpMask(values, 32, 4, { sigma: 1, amount: 2 });
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(255);
  });
});
