import type { Rect } from '../geometry/rect';
import type { FractionRect, PlatformPreset } from '../platforms/schema';

type Frameable = Pick<PlatformPreset, 'safe' | 'overlays'>;

const unitFrame: Rect = { x: 0, y: 0, width: 1, height: 1 };

/** Maps a rectangle given in fractions of `frame` into the frame's own coordinates. */
export const placeFraction = (fraction: FractionRect, frame: Rect): Rect => ({
  x: frame.x + fraction.x * frame.width,
  y: frame.y + fraction.y * frame.height,
  width: fraction.width * frame.width,
  height: fraction.height * frame.height
});

/**
 * The part of `frame` (a crop in source pixels, or the output frame; fractions of 1 by default) inside the
 * preset's safe-zone insets.
 */
export function safeAreaRect(preset: Frameable, frame: Rect = unitFrame): Rect {
  const { top, right, bottom, left } = preset.safe;
  return {
    x: frame.x + left * frame.width,
    y: frame.y + top * frame.height,
    width: (1 - left - right) * frame.width,
    height: (1 - top - bottom) * frame.height
  };
}

/** The preset's overlay regions placed on `frame`. */
export function overlayRects(preset: Frameable, frame: Rect = unitFrame): { name: string; rect: Rect }[] {
  return preset.overlays.map((overlay) => ({ name: overlay.name, rect: placeFraction(overlay.rect, frame) }));
}
