import type { Rect, Size } from '../geometry/rect';
import type { Box } from '../vision/detection';
import { clamp } from './geometry';

/** Smaller than this (in source pixels) a drawn box is a slip of the finger, not a face. */
export const MIN_FACE_SIDE = 8;

/**
 * A face box the user drew, dragged or typed, made valid: corners in any order, at least `MIN_FACE_SIDE`
 * on each side, inside the source, in whole pixels.
 */
export function fitFaceBox(rect: Rect, source: Size): Box {
  const left = Math.min(rect.x, rect.x + rect.width);
  const top = Math.min(rect.y, rect.y + rect.height);
  const width = clamp(Math.round(Math.abs(rect.width)), MIN_FACE_SIDE, source.width);
  const height = clamp(Math.round(Math.abs(rect.height)), MIN_FACE_SIDE, source.height);
  return {
    x: Math.round(clamp(left, 0, source.width - width)),
    y: Math.round(clamp(top, 0, source.height - height)),
    width,
    height
  };
}

/** Where "Add a face" puts its box for the keyboard to move: the crop's centre, a tenth of its shorter side. */
export function faceBoxAtCentre(crop: Rect, source: Size): Box {
  const side = Math.max(MIN_FACE_SIDE, Math.min(crop.width, crop.height) / 10);
  return fitFaceBox(
    { x: crop.x + (crop.width - side) / 2, y: crop.y + (crop.height - side) / 2, width: side, height: side },
    source
  );
}

/** Whether two boxes are the same box (a dismissal or a drawn face is found again by its coordinates). */
export const sameBox = (a: Box, b: Box): boolean =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
