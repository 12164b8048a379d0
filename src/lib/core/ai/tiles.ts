/** A tile to run through a model: the core it owns in the output, inside the context the model sees. */
export interface Tile {
  /** The pixels this tile writes, in input coordinates. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The region fed to the model: the core grown by the overlap, clamped to the image. */
  context: { x: number; y: number; width: number; height: number };
}

/**
 * Covers an image with cores of at most `size` pixels, each read with `overlap` pixels of context on every side.
 * Only the core of each result is kept: with an overlap at least the model's receptive radius, every kept
 * pixel saw exactly what it would have seen in one whole-image pass, so no seam can show.
 */
export function planTiles(width: number, height: number, size: number, overlap: number): Tile[] {
  const tiles: Tile[] = [];
  for (let y = 0; y < height; y += size) {
    for (let x = 0; x < width; x += size) {
      const w = Math.min(size, width - x);
      const h = Math.min(size, height - y);
      const left = Math.max(0, x - overlap);
      const top = Math.max(0, y - overlap);
      tiles.push({
        x,
        y,
        width: w,
        height: h,
        context: {
          x: left,
          y: top,
          width: Math.min(width, x + w + overlap) - left,
          height: Math.min(height, y + h + overlap) - top
        }
      });
    }
  }
  return tiles;
}
