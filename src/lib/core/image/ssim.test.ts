import { describe, expect, it } from 'vitest';
import { ssim } from './ssim';

function pattern(width: number, height: number, shade: (x: number, y: number) => number) {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = shade(x, y);
  return { data, width, height, channels: 1 };
}

describe('ssim', () => {
  const stripes = pattern(64, 64, (x) => (x % 8 < 4 ? 40 : 220));

  it('is 1 for identical images', () => {
    expect(ssim(stripes, stripes)).toBeCloseTo(1, 6);
  });

  it('drops a little for mild noise and a lot for a different structure', () => {
    const noisy = pattern(64, 64, (x, y) => (x % 8 < 4 ? 40 : 220) + (((x * 7 + y * 13) % 5) - 2));
    const flipped = pattern(64, 64, (x) => (x % 8 < 4 ? 220 : 40));
    expect(ssim(stripes, noisy)).toBeGreaterThan(0.95);
    expect(ssim(stripes, noisy)).toBeLessThan(1);
    expect(ssim(stripes, flipped)).toBeLessThan(0);
  });

  it('reads RGB through its luma and refuses different sizes', () => {
    const rgb = { data: new Uint8Array(64 * 64 * 3).fill(128), width: 64, height: 64, channels: 3 };
    const grey = pattern(64, 64, () => 128);
    expect(ssim(rgb, grey)).toBeCloseTo(1, 6);
    expect(() =>
      ssim(
        stripes,
        pattern(32, 64, () => 0)
      )
    ).toThrow(/equal sizes/);
  });
});
