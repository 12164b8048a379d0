/** RGBA pixels, 4 bytes a pixel, rows top to bottom. */
export interface Rgba {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

/** A single-channel float plane. */
export interface Plane {
  data: Float32Array;
  width: number;
  height: number;
}

/** Rec. 601 luma of an RGBA pixel at byte offset `k`, 0–1. */
export const lumaAt = (data: Rgba['data'], k: number) =>
  (0.299 * data[k]! + 0.587 * data[k + 1]! + 0.114 * data[k + 2]!) / 255;

/** The size of a plane with the same aspect ratio and `longSide` pixels on its long side (never upscaled). */
export function fitLongSide(width: number, height: number, longSide: number) {
  const scale = Math.min(1, longSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale))
  };
}

/** Bilinear sample of a plane at continuous coordinates (pixel centres at +0.5), clamped at the edges. */
export function sample(plane: Plane, fx: number, fy: number): number {
  const { data, width, height } = plane;
  const x = Math.min(Math.max(fx - 0.5, 0), width - 1);
  const y = Math.min(Math.max(fy - 0.5, 0), height - 1);
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const tx = x - x0;
  const ty = y - y0;
  const top = data[y0 * width + x0]! * (1 - tx) + data[y0 * width + x1]! * tx;
  const bottom = data[y1 * width + x0]! * (1 - tx) + data[y1 * width + x1]! * tx;
  return top * (1 - ty) + bottom * ty;
}

/**
 * `sample`'s neighbours and weight along one axis, for every one of `length` target pixels reading a plane
 * `cells` long: the same for every row (or column), so a full-size pass works them out once.
 */
export function bilinearAxis(length: number, cells: number) {
  const near = new Int32Array(length);
  const far = new Int32Array(length);
  const weight = new Float32Array(length);
  const scale = cells / length;
  for (let i = 0; i < length; i++) {
    const at = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), cells - 1);
    near[i] = Math.floor(at);
    far[i] = Math.min(near[i]! + 1, cells - 1);
    weight[i] = at - near[i]!;
  }
  return { near, far, weight };
}

/** A plane resampled bilinearly to a new size. */
export function resizePlane(plane: Plane, width: number, height: number): Plane {
  const data = new Float32Array(width * height);
  const sx = plane.width / width;
  const sy = plane.height / height;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = sample(plane, (x + 0.5) * sx, (y + 0.5) * sy);
  return { data, width, height };
}

/** A region of an image in pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The mean of `value` over the source pixels of `region` (default: all) that fall in each target cell. */
export function areaAverage(
  image: Rgba,
  width: number,
  height: number,
  value: (data: Rgba['data'], k: number) => number,
  region: Rect = { x: 0, y: 0, width: image.width, height: image.height }
): Plane {
  const sums = new Float32Array(width * height);
  const counts = new Uint32Array(width * height);
  const columns = cellsAlong(region.width, width);
  const rows = cellsAlong(region.height, height);
  for (let y = 0; y < region.height; y++) {
    const row = rows[y]! * width;
    const base = (region.y + y) * image.width + region.x;
    for (let x = 0; x < region.width; x++) {
      const cell = row + columns[x]!;
      sums[cell]! += value(image.data, (base + x) * 4);
      counts[cell]! += 1;
    }
  }
  for (let i = 0; i < sums.length; i++) sums[i]! /= Math.max(1, counts[i]!);
  return { data: sums, width, height };
}

/** For each of `length` source pixels along an axis, the index of the `cells` target cells it falls in. */
function cellsAlong(length: number, cells: number): Int32Array {
  const cell = new Int32Array(length);
  for (let i = 0; i < length; i++) cell[i] = Math.min(cells - 1, Math.floor((i * cells) / length));
  return cell;
}

/**
 * The image area-averaged (all four channels, one pass) to at most `longSide` pixels on its long side. The
 * segmentation views are cut from this copy rather than from the full photo: one pass over 12 MP, not five.
 */
export function shrinkImage(image: Rgba, longSide: number): Rgba {
  const { width, height } = fitLongSide(image.width, image.height, longSide);
  if (width === image.width && height === image.height) return image;
  const sums = new Float32Array(width * height * 4);
  const counts = new Uint32Array(width * height);
  const columns = cellsAlong(image.width, width);
  const rows = cellsAlong(image.height, height);
  const { data } = image;
  for (let y = 0; y < image.height; y++) {
    const row = rows[y]! * width;
    for (let x = 0, k = y * image.width * 4; x < image.width; x++, k += 4) {
      const cell = row + columns[x]!;
      const at = cell * 4;
      sums[at]! += data[k]!;
      sums[at + 1]! += data[k + 1]!;
      sums[at + 2]! += data[k + 2]!;
      sums[at + 3]! += data[k + 3]!;
      counts[cell]! += 1;
    }
  }
  const out = new Uint8ClampedArray(sums.length);
  for (let i = 0; i < out.length; i++) out[i] = sums[i]! / Math.max(1, counts[i >> 2]!);
  return { data: out, width, height };
}

/** Box mean of radius `r` (a (2r+1)² window, shrunk at the edges), separable running sums: O(pixels). */
export function boxMean(plane: Plane, r: number): Plane {
  const { width, height } = plane;
  const pass = (input: Float32Array, length: number, lines: number, stride: number, step: number) => {
    const output = new Float32Array(input.length);
    for (let line = 0; line < lines; line++) {
      const base = line * stride;
      let sum = 0;
      let count = 0;
      for (let i = 0; i < Math.min(r, length - 1) + 1; i++) {
        sum += input[base + i * step]!;
        count++;
      }
      for (let i = 0; i < length; i++) {
        output[base + i * step] = sum / count;
        const add = i + r + 1;
        const drop = i - r;
        if (add < length) {
          sum += input[base + add * step]!;
          count++;
        }
        if (drop >= 0) {
          sum -= input[base + drop * step]!;
          count--;
        }
      }
    }
    return output;
  };
  const rows = pass(plane.data, width, height, width, 1);
  return { data: pass(rows, height, width, 1, width), width, height };
}
