/** Pixels of one image: 1 (grey), 3 (RGB) or 4 (RGBA) interleaved channels of 0–255. */
export interface PixelBuffer {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: number;
}

const WINDOW = 8;
const STRIDE = 4;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

function luma(image: PixelBuffer): Float32Array {
  const { data, width, height, channels } = image;
  const out = new Float32Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const k = i * channels;
    out[i] =
      channels < 3
        ? (data[k] ?? 0)
        : 0.299 * (data[k] ?? 0) + 0.587 * (data[k + 1] ?? 0) + 0.114 * (data[k + 2] ?? 0);
  }
  return out;
}

/**
 * Mean structural similarity of two same-sized images on their luma, over 8×8 windows every 4 pixels
 * (Wang et al. 2004 with uniform windows): 1 for identical images, ~0.98+ for a visually equal resize.
 */
export function ssim(a: PixelBuffer, b: PixelBuffer): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`SSIM needs equal sizes, got ${a.width}×${a.height} and ${b.width}×${b.height}.`);
  }
  const x = luma(a);
  const y = luma(b);
  const { width, height } = a;
  const n = WINDOW * WINDOW;
  let total = 0;
  let windows = 0;
  for (let top = 0; top + WINDOW <= height; top += STRIDE) {
    for (let left = 0; left + WINDOW <= width; left += STRIDE) {
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      for (let row = top; row < top + WINDOW; row++) {
        for (let i = row * width + left, end = i + WINDOW; i < end; i++) {
          const p = x[i] ?? 0;
          const q = y[i] ?? 0;
          sx += p;
          sy += q;
          sxx += p * p;
          syy += q * q;
          sxy += p * q;
        }
      }
      const mx = sx / n;
      const my = sy / n;
      const vx = sxx / n - mx * mx;
      const vy = syy / n - my * my;
      const cov = sxy / n - mx * my;
      total += ((2 * mx * my + C1) * (2 * cov + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2));
      windows += 1;
    }
  }
  return windows === 0 ? 1 : total / windows;
}
