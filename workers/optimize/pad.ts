import type { Rect, Size } from '$core/geometry/rect';

/** How much of the blurred copy's brightness stays: dim enough that the photo in front reads as the picture. */
const DIM = 0.55;

export type PadBackground =
  | { kind: 'color'; rgb: readonly [number, number, number] }
  /** A small rendering of the photo, stretched over the frame: bilinear upscaling of few pixels is the blur. */
  | { kind: 'blur'; rgba: Uint8Array; size: Size };

export function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function paintBlur(out: Uint8Array, frame: Size, small: Uint8Array, size: Size): void {
  const sample = (x: number, y: number, channel: number) => small[(y * size.width + x) * 4 + channel] ?? 0;
  for (let y = 0; y < frame.height; y++) {
    const fy = Math.max(0, Math.min(size.height - 1, ((y + 0.5) * size.height) / frame.height - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(size.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < frame.width; x++) {
      const fx = Math.max(0, Math.min(size.width - 1, ((x + 0.5) * size.width) / frame.width - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(size.width - 1, x0 + 1);
      const wx = fx - x0;
      const at = (y * frame.width + x) * 4;
      for (let channel = 0; channel < 3; channel++) {
        const top = sample(x0, y0, channel) * (1 - wx) + sample(x1, y0, channel) * wx;
        const bottom = sample(x0, y1, channel) * (1 - wx) + sample(x1, y1, channel) * wx;
        out[at + channel] = Math.round((top * (1 - wy) + bottom * wy) * DIM);
      }
      out[at + 3] = 255;
    }
  }
}

/**
 * The padded output frame as opaque RGBA: the background (a colour, or a blurred and dimmed copy of the photo),
 * with the photo's pixels (`front`, already scaled to `placement`'s size) laid over it where `placement` says.
 */
export function padFrame(
  frame: Size,
  placement: Rect,
  front: Uint8Array,
  background: PadBackground
): Uint8Array {
  const out = new Uint8Array(frame.width * frame.height * 4);
  if (background.kind === 'blur') paintBlur(out, frame, background.rgba, background.size);
  else {
    const [r, g, b] = background.rgb;
    for (let at = 0; at < out.length; at += 4) {
      out[at] = r;
      out[at + 1] = g;
      out[at + 2] = b;
      out[at + 3] = 255;
    }
  }
  for (let y = 0; y < placement.height; y++) {
    for (let x = 0; x < placement.width; x++) {
      const from = (y * placement.width + x) * 4;
      const to = ((placement.y + y) * frame.width + placement.x + x) * 4;
      const alpha = (front[from + 3] ?? 255) / 255;
      for (let channel = 0; channel < 3; channel++) {
        out[to + channel] = Math.round(
          (front[from + channel] ?? 0) * alpha + (out[to + channel] ?? 0) * (1 - alpha)
        );
      }
    }
  }
  return out;
}
