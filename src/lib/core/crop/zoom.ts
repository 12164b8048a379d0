import type { Rect, Size } from '../geometry/rect';
import type { CropChoice, CropPreset } from './choose';
import { AXES } from './geometry';
import { safeAreaRect } from './safe-area';
import type { CropWarning } from './warnings';

/** What a tighter crop can cure: a face whole in the crop but outside the safe area or under the platform's UI. */
const CURABLE = new Set<CropWarning['code']>(['face_outside_safe', 'face_under_overlay']);

/** Each try is this much narrower than the last, as a share of the largest crop's width. */
const STEP = 0.05;

export interface ZoomInput {
  /** Upright source size in pixels. */
  source: Size;
  preset: CropPreset;
  /** The faces the crop is built around (the same as `chooseAt` is given). */
  faces: readonly Rect[];
  /** The crop at the largest size the source allows. */
  largest: CropChoice;
  /** How far the output may enlarge the source: 1 never enlarges, 2 allows a crop half the output's width. */
  maxEnlargement: number;
  /** The crop decision at a given size (same faces, focal point and scoring as `largest`). */
  chooseAt: (size: Size) => CropChoice;
}

export interface Zoomed extends CropChoice {
  zoom: { scale: number; message: string };
}

function zoomMessage(warnings: readonly CropWarning[]): string {
  const regions = [
    ...new Set(warnings.flatMap((warning) => (warning.region ? [`the ${warning.region}`] : [])))
  ];
  const clear = regions.length
    ? `clear of ${regions.length > 1 ? `${regions.slice(0, -1).join(', ')} and ${regions.at(-1)}` : regions[0]}`
    : '';
  const safe = warnings.some((warning) => warning.code === 'face_outside_safe') ? 'inside the safe area' : '';
  return `Zoomed in to keep faces ${[clear, safe].filter(Boolean).join(' and ')}.`;
}

/**
 * `contains`' half-pixel tolerance and as much again, so that floating-point rounding never rules out a size
 * at which some crop would do.
 */
const SLACK = 1;

/**
 * Whether some crop of `size` inside `source` could have every face inside its safe area: the faces' extent on
 * each axis against the offsets the crop can take (whole or not). A crop with a face outside its safe area
 * always has a warning (cut, left out or outside the safe area), so where this says no, `chooseAt` cannot
 * return a clear crop and its full placement search — most of the time zooming takes — is skipped.
 */
export function safeCouldHold(source: Size, size: Size, preset: CropPreset, faces: readonly Rect[]): boolean {
  const safe = safeAreaRect(preset, { x: 0, y: 0, ...size });
  const fits = (key: 'x' | 'y') => {
    const { start, span } = AXES[key];
    const first = Math.min(...faces.map((face) => face[start]));
    const last = Math.max(...faces.map((face) => face[start] + face[span]));
    // The offsets that put the safe area's start at or before the first face and its end at or after the last.
    const lowest = Math.max(0, last - (safe[start] + safe[span]) - SLACK);
    const highest = Math.min(source[span] - size[span], first - safe[start] + SLACK);
    return lowest <= highest;
  };
  return fits('x') && fits('y');
}

/**
 * When every face is whole in the largest crop but some sit under the platform's overlays or outside its safe
 * area, the largest tighter crop (of the same aspect) that clears them all, as long as the output needs no more
 * enlargement than allowed. Undefined when nothing needs clearing or no allowed size clears everything: the
 * largest crop then stands, with its warnings.
 */
export function zoomToClear({
  source,
  preset,
  faces,
  largest,
  maxEnlargement,
  chooseAt
}: ZoomInput): Zoomed | undefined {
  const { warnings, crop } = largest;
  if (!warnings.some((warning) => CURABLE.has(warning.code))) return undefined;
  if (!warnings.every((warning) => CURABLE.has(warning.code))) return undefined;
  const aspect = preset.width / preset.height;
  const minScale = Math.max(
    preset.width / maxEnlargement / crop.width,
    preset.height / maxEnlargement / crop.height
  );
  for (let scale = 1 - STEP; scale > minScale - STEP; scale -= STEP) {
    // Rounded up at the smallest size, so the output is never enlarged a fraction of a pixel beyond the limit.
    const width = Math.min(crop.width, Math.ceil(crop.width * Math.max(scale, minScale)));
    const size = { width, height: Math.min(crop.height, Math.ceil(width / aspect)) };
    if (!safeCouldHold(source, size, preset, faces)) continue;
    const choice = chooseAt(size);
    if (choice.warnings.length === 0) {
      return { ...choice, zoom: { scale: width / crop.width, message: zoomMessage(warnings) } };
    }
  }
  return undefined;
}
