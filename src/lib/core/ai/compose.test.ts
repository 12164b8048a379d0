import { describe, expect, it } from 'vitest';
import { composite } from './compose';
import type { Matte } from './matte';
import type { Rgba } from './raster';

/** A 40×20 image: a red person on the left half (alpha 255), a striped background on the right. */
function scene(): { image: Rgba; matte: Matte } {
  const width = 40;
  const height = 20;
  const data = new Uint8Array(width * height * 4);
  const alpha = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const person = x < 20;
      data.set(person ? [255, 0, 0, 255] : x % 2 ? [0, 0, 0, 255] : [255, 255, 255, 255], i * 4);
      alpha[i] = person ? 255 : 0;
    }
  return { image: { data, width, height }, matte: { alpha, width, height, coverage: 0.5 } };
}

const pixel = (image: Rgba, x: number, y: number) =>
  Array.from(image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));

describe('composite', () => {
  it('makes the background transparent and keeps the person', () => {
    const { image, matte } = scene();
    composite(image, matte, { kind: 'transparent' });
    expect(pixel(image, 5, 5)).toEqual([255, 0, 0, 255]);
    expect(pixel(image, 30, 5)[3]).toBe(0);
  });

  it('puts the person on a colour', () => {
    const { image, matte } = scene();
    composite(image, matte, { kind: 'colour', colour: '#0080ff' });
    expect(pixel(image, 30, 5)).toEqual([0, 128, 255, 255]);
    expect(pixel(image, 5, 5)).toEqual([255, 0, 0, 255]);
  });

  it('puts the person on a photo of the same size', () => {
    const { image, matte } = scene();
    const photo = { data: new Uint8Array(40 * 20 * 4).fill(7), width: 40, height: 20 };
    composite(image, matte, { kind: 'photo' }, photo);
    expect(pixel(image, 30, 5)).toEqual([7, 7, 7, 255]);
    expect(() => composite(scene().image, matte, { kind: 'photo' })).toThrow(/fitted/);
  });

  it('blurs the background without bleeding the person into it', () => {
    const { image, matte } = scene();
    composite(image, matte, { kind: 'blur', strength: 10 });
    const [r, g, b] = pixel(image, 30, 10);
    // The black and white stripes average to grey; red from the person would lift r above g.
    expect(Math.abs(r! - 128)).toBeLessThan(30);
    expect(Math.abs(r! - g!)).toBeLessThan(4);
    expect(Math.abs(g! - b!)).toBeLessThan(4);
    expect(pixel(image, 5, 5)).toEqual([255, 0, 0, 255]);
  });
});
