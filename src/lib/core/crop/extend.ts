import type { Size } from '../geometry/rect';
import type { PixelRect } from './schema';

export interface OutpaintSides {
  left: number;
  right: number;
  up: number;
  down: number;
}

/** The most an outpaint grows one side (the operation's own limit). */
export const MAX_SIDE_GROWTH = 2000;

/**
 * How far an outpaint must grow the source, in source pixels, so that it fills the frame where a pad would
 * have: the padded margins (frame pixels, scaled back to the source) less what the crop left out.
 */
export function outpaintSides(
  source: Size,
  pad: { crop: PixelRect; placement: PixelRect },
  frame: Size
): OutpaintSides {
  const { crop, placement } = pad;
  const scale = placement.width / crop.width;
  const grow = (margin: number, outside: number) =>
    Math.min(MAX_SIDE_GROWTH, Math.max(0, Math.round(margin / scale - outside)));
  return {
    left: grow(placement.x, crop.x),
    right: grow(frame.width - placement.x - placement.width, source.width - crop.x - crop.width),
    up: grow(placement.y, crop.y),
    down: grow(frame.height - placement.y - placement.height, source.height - crop.y - crop.height)
  };
}
