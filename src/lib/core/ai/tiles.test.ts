import { describe, expect, it } from 'vitest';
import { planTiles } from './tiles';

describe('planTiles', () => {
  it('covers every pixel exactly once with cores', () => {
    const tiles = planTiles(300, 170, 128, 16);
    const hits = new Uint8Array(300 * 170);
    for (const tile of tiles)
      for (let y = tile.y; y < tile.y + tile.height; y++)
        for (let x = tile.x; x < tile.x + tile.width; x++) hits[y * 300 + x]! += 1;
    expect(hits.every((count) => count === 1)).toBe(true);
    expect(tiles).toHaveLength(6);
  });

  it('grows each core by the overlap, clamped to the image', () => {
    const [first, second] = planTiles(300, 100, 128, 16);
    expect(first!.context).toEqual({ x: 0, y: 0, width: 144, height: 100 });
    expect(second!.context).toEqual({ x: 112, y: 0, width: 160, height: 100 });
  });

  it('gives a small image one tile', () => {
    expect(planTiles(50, 40, 128, 16)).toEqual([
      { x: 0, y: 0, width: 50, height: 40, context: { x: 0, y: 0, width: 50, height: 40 } }
    ]);
  });
});
