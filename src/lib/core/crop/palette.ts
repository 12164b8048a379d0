/** Colours a pad can take from a photo: the one around its edges first, then the most common ones. */
export interface Palette {
  /** The mean colour of the outermost pixels: a pad in it reads as the photo's own background. */
  edge: string;
  /** Up to `limit` distinct common colours, most common first (the edge colour is not repeated). */
  swatches: string[];
}

const hex = (r: number, g: number, b: number) =>
  `#${[r, g, b].map((value) => Math.round(value).toString(16).padStart(2, '0')).join('')}`;

/** Colours closer than this (sum of channel differences) are one swatch to the eye. */
const DISTINCT = 48;
/** Bucket size per channel when counting colours: 8 levels, coarse enough that noise does not split them. */
const BUCKET = 32;

const distance = (a: string, b: string) =>
  [1, 3, 5].reduce(
    (sum, at) =>
      sum + Math.abs(Number.parseInt(a.slice(at, at + 2), 16) - Number.parseInt(b.slice(at, at + 2), 16)),
    0
  );

/** Reads a small RGBA rendering of the photo (a few thousand pixels is plenty). */
export function paletteOf(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  limit = 5
): Palette {
  const edgeSum = [0, 0, 0];
  let edgeCount = 0;
  const buckets = new Map<number, { count: number; sum: [number, number, number] }>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const r = rgba[at] ?? 0;
      const g = rgba[at + 1] ?? 0;
      const b = rgba[at + 2] ?? 0;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) {
        edgeSum[0]! += r;
        edgeSum[1]! += g;
        edgeSum[2]! += b;
        edgeCount++;
      }
      const key = (Math.floor(r / BUCKET) << 16) | (Math.floor(g / BUCKET) << 8) | Math.floor(b / BUCKET);
      const bucket = buckets.get(key) ?? { count: 0, sum: [0, 0, 0] };
      bucket.count++;
      bucket.sum[0] += r;
      bucket.sum[1] += g;
      bucket.sum[2] += b;
      buckets.set(key, bucket);
    }
  }
  const edge = edgeCount
    ? hex(edgeSum[0]! / edgeCount, edgeSum[1]! / edgeCount, edgeSum[2]! / edgeCount)
    : '#000000';
  const swatches: string[] = [];
  const common = [...buckets.values()].sort((a, b) => b.count - a.count);
  for (const { count, sum } of common) {
    if (swatches.length >= limit) break;
    const colour = hex(sum[0] / count, sum[1] / count, sum[2] / count);
    if ([edge, ...swatches].every((other) => distance(other, colour) >= DISTINCT)) swatches.push(colour);
  }
  return { edge, swatches };
}
