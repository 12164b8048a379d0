import { describe, expect, it } from 'vitest';
import { paletteOf } from './palette';

/** A width×height RGBA image painted by `paint(x, y)`. */
function image(width: number, height: number, paint: (x: number, y: number) => [number, number, number]) {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      rgba.set([...paint(x, y), 255], (y * width + x) * 4);
    }
  }
  return rgba;
}

describe('paletteOf', () => {
  it('takes the edge colour from the border, not from the subject in the middle', () => {
    const rgba = image(10, 10, (x, y) => (x > 2 && x < 7 && y > 2 && y < 7 ? [250, 20, 20] : [20, 40, 200]));
    const palette = paletteOf(rgba, 10, 10);
    expect(palette.edge).toBe('#1428c8');
    expect(palette.swatches).toEqual(['#fa1414']);
  });

  it('lists common colours once each, most common first, up to the limit', () => {
    const colours: [number, number, number][] = [
      [0, 0, 0],
      [255, 255, 255],
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255]
    ];
    // Columns of unequal width: black 1, white 2, red 3, green 4, blue 5 (edges mix, so check the order only).
    const rgba = image(15, 4, (x) => colours[x < 1 ? 0 : x < 3 ? 1 : x < 6 ? 2 : x < 10 ? 3 : 4]!);
    const { swatches } = paletteOf(rgba, 15, 4, 3);
    expect(swatches).toEqual(['#0000ff', '#00ff00', '#ff0000']);
  });

  it('merges colours a noise apart into one swatch', () => {
    const rgba = image(8, 8, (x, y) => [100 + ((x + y) % 3), 100, 100]);
    expect(paletteOf(rgba, 8, 8).swatches).toEqual([]);
  });
});
