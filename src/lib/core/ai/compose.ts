import type { Background } from './schema';
import { boxMean, fitLongSide, sample, type Plane, type Rgba } from './raster';
import type { Matte } from './matte';

/** The background blur is computed on a plane this long: a blur of tens of pixels loses nothing to it. */
const BLUR_SIDE = 640;

const parseHex = (hex: string) =>
  [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];

/** Three box passes: close to a Gaussian of about `radius`. */
const blurPlane = (plane: Plane, radius: number): Plane => {
  const r = Math.max(1, Math.round(radius / Math.sqrt(3)));
  return boxMean(boxMean(boxMean(plane, r), r), r);
};

/** City-block distance (in plane pixels) from each pixel to the nearest one where `inside` holds. */
function distanceTo(inside: (i: number) => boolean, width: number, height: number): Float32Array {
  const far = width + height;
  const distance = new Float32Array(width * height);
  for (let i = 0; i < distance.length; i++) distance[i] = inside(i) ? 0 : far;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (x > 0) distance[i] = Math.min(distance[i]!, distance[i - 1]! + 1);
      if (y > 0) distance[i] = Math.min(distance[i]!, distance[i - width]! + 1);
    }
  for (let y = height - 1; y >= 0; y--)
    for (let x = width - 1; x >= 0; x--) {
      const i = y * width + x;
      if (x < width - 1) distance[i] = Math.min(distance[i]!, distance[i + 1]! + 1);
      if (y < height - 1) distance[i] = Math.min(distance[i]!, distance[i + width]! + 1);
    }
  return distance;
}

/**
 * A portrait blur: the background blurred more the further it lies from the person (a depth-like falloff, from
 * a light blur beside the person to `strength` × 0.4 % of the long side at the far edge). The person is left out
 * of the blur (background colours are weighted by 1 − alpha), so no halo of the person bleeds into it.
 */
function blurredBackground(image: Rgba, matte: Matte, strength: number) {
  const size = fitLongSide(image.width, image.height, BLUR_SIDE);
  const cells = size.width * size.height;
  const sums = [0, 1, 2, 3].map(() => new Float32Array(cells));
  const counts = new Uint32Array(cells);
  for (let y = 0; y < image.height; y++) {
    const row = Math.min(size.height - 1, Math.floor((y * size.height) / image.height)) * size.width;
    for (let x = 0; x < image.width; x++) {
      const cell = row + Math.min(size.width - 1, Math.floor((x * size.width) / image.width));
      const i = y * image.width + x;
      const weight = 1 - matte.alpha[i]! / 255;
      for (let c = 0; c < 3; c++) sums[c]![cell]! += image.data[i * 4 + c]! * weight;
      sums[3]![cell]! += weight;
      counts[cell]! += 1;
    }
  }
  for (const plane of sums) for (let i = 0; i < cells; i++) plane[i]! /= Math.max(1, counts[i]!);
  const far = strength * 0.004 * Math.max(size.width, size.height);
  const levels = [far * 0.3, far].map((radius) => sums.map((data) => blurPlane({ ...size, data }, radius)));
  const background = sums[3]!;
  const distance = distanceTo((i) => background[i]! < 0.5, size.width, size.height);
  const reach = 0.35 * Math.max(size.width, size.height);
  const depth: Plane = { ...size, data: distance.map((d) => Math.min(1, d / reach)) };
  return { levels, depth, scale: { x: size.width / image.width, y: size.height / image.height } };
}

/**
 * Puts the person (by the matte) over a new background, in place in `image`. `photo` is the replacement photo
 * already fitted to the image's size (for `kind: 'photo'`).
 */
export function composite(image: Rgba, matte: Matte, background: Background, photo?: Rgba): Rgba {
  const { data } = image;
  const pixels = image.width * image.height;
  if (background.kind === 'transparent') {
    for (let i = 0; i < pixels; i++) data[i * 4 + 3] = Math.min(data[i * 4 + 3]!, matte.alpha[i]!);
    return image;
  }
  if (background.kind === 'photo' && (!photo || photo.width !== image.width || photo.height !== image.height))
    throw new Error('The background photo must be fitted to the image first.');
  const colour = background.kind === 'colour' ? parseHex(background.colour) : undefined;
  const blur = background.kind === 'blur' ? blurredBackground(image, matte, background.strength) : undefined;
  const behind = [0, 0, 0];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = y * image.width + x;
      const k = i * 4;
      const a = matte.alpha[i]! / 255;
      if (a === 1) continue;
      if (colour) behind.splice(0, 3, ...colour);
      else if (photo) behind.splice(0, 3, photo.data[k]!, photo.data[k + 1]!, photo.data[k + 2]!);
      else if (blur) {
        const fx = (x + 0.5) * blur.scale.x;
        const fy = (y + 0.5) * blur.scale.y;
        const t = sample(blur.depth, fx, fy);
        for (let c = 0; c < 3; c++) {
          const [near, far] = blur.levels.map((level) => {
            const weight = sample(level[3]!, fx, fy);
            return weight > 1e-3 ? sample(level[c]!, fx, fy) / weight : data[k + c]!;
          });
          behind[c] = near! * (1 - t) + far! * t;
        }
      }
      for (let c = 0; c < 3; c++) data[k + c] = Math.round(data[k + c]! * a + behind[c]! * (1 - a));
      data[k + 3] = 255;
    }
  }
  return image;
}
