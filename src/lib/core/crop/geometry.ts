import type { Rect, Size } from '../geometry/rect';

export interface Point {
  x: number;
  y: number;
}

/** What each axis is called in a rectangle, a size and a preset's safe insets. */
export const AXES = {
  x: { start: 'x', span: 'width', before: 'left', after: 'right' },
  y: { start: 'y', span: 'height', before: 'top', after: 'bottom' }
} as const;

export const area = (rect: Rect): number => Math.max(0, rect.width) * Math.max(0, rect.height);

export function intersect(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.min(a.x + a.width, b.x + b.width) - x;
  const height = Math.min(a.y + a.height, b.y + b.height) - y;
  return { x, y, width: Math.max(0, width), height: Math.max(0, height) };
}

/** Share of `box` that lies inside `frame`, 0–1; a zero-area box counts as inside when its corner is. */
export function coverage(box: Rect, frame: Rect): number {
  const whole = area(box);
  if (whole === 0) {
    const inside =
      box.x >= frame.x &&
      box.y >= frame.y &&
      box.x <= frame.x + frame.width &&
      box.y <= frame.y + frame.height;
    return inside ? 1 : 0;
  }
  return area(intersect(box, frame)) / whole;
}

/** Tolerance for "fully inside": rounding a crop to whole pixels must not turn a contained face into a cut one. */
const EPSILON = 0.5;

export const contains = (frame: Rect, box: Rect): boolean =>
  box.x >= frame.x - EPSILON &&
  box.y >= frame.y - EPSILON &&
  box.x + box.width <= frame.x + frame.width + EPSILON &&
  box.y + box.height <= frame.y + frame.height + EPSILON;

export function union(boxes: readonly Rect[]): Rect | undefined {
  if (boxes.length === 0) return undefined;
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

export const centreOf = (rect: Rect): Point => ({ x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 });

export const clamp = (value: number, low: number, high: number): number =>
  Math.min(high, Math.max(low, value));

/** The largest rectangle of the target's aspect ratio that fits in the source, as whole pixels. */
export function maxCropSize(source: Size, target: Size): Size {
  const aspect = target.width / target.height;
  if (source.width / source.height > aspect) {
    const height = source.height;
    return { width: Math.min(source.width, Math.max(1, Math.round(height * aspect))), height };
  }
  const width = source.width;
  return { width, height: Math.min(source.height, Math.max(1, Math.round(width / aspect))) };
}
