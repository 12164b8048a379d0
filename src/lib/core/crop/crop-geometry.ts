import type { Rect, Size } from '../geometry/rect';
import type { Point } from './geometry';
import type { PixelRect } from './schema';

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * A crop the user dragged or typed, made valid: the preset's aspect ratio (width decides), at least 16 px
 * wide, no larger than the source, inside it, in whole pixels.
 */
export function fitUserCrop(rect: Rect, aspect: Size, source: Size): PixelRect {
  const ratio = aspect.width / aspect.height;
  const maxWidth = Math.min(source.width, source.height * ratio);
  const width = clamp(rect.width, Math.min(16, maxWidth), maxWidth);
  const height = width / ratio;
  const centreX = rect.x + rect.width / 2;
  const centreY = rect.y + rect.height / 2;
  const x = clamp(centreX - width / 2, 0, source.width - width);
  const y = clamp(centreY - height / 2, 0, source.height - height);
  const rounded = {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(width),
    height: Math.round(height)
  };
  rounded.width = Math.min(rounded.width, source.width - rounded.x);
  rounded.height = Math.min(rounded.height, source.height - rounded.y);
  return rounded;
}

/** Moves a crop by a share of the source's size (keyboard nudges), keeping it inside. */
export function nudgeCrop(crop: Rect, dx: number, dy: number, source: Size): Rect {
  return {
    ...crop,
    x: clamp(crop.x + dx * source.width, 0, source.width - crop.width),
    y: clamp(crop.y + dy * source.height, 0, source.height - crop.height)
  };
}

/** Grows or shrinks a crop about its centre by `factor` (keyboard +/−). */
export function scaleCrop(crop: Rect, factor: number): Rect {
  const width = crop.width * factor;
  const height = crop.height * factor;
  return { x: crop.x + (crop.width - width) / 2, y: crop.y + (crop.height - height) / 2, width, height };
}

export function clampPoint(point: Point, source: Size): Point {
  return { x: Math.round(clamp(point.x, 0, source.width)), y: Math.round(clamp(point.y, 0, source.height)) };
}
