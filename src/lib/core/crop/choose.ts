import type { Rect, Size } from '../geometry/rect';
import type { PlatformPreset } from '../platforms/schema';
import type { DetectedObject, ScoredBox } from '../vision/detection';
import {
  area,
  centreOf,
  clamp,
  contains,
  coverage,
  intersect,
  maxCropSize,
  union,
  type Point
} from './geometry';
import { overlayRects, safeAreaRect } from './safe-area';
import { cropWarnings, mainSubject, type CropWarning } from './warnings';

export type CropPreset = Pick<PlatformPreset, 'width' | 'height' | 'safe' | 'overlays'>;

export interface CropInput {
  /** Upright source size in pixels. */
  source: Size;
  preset: CropPreset;
  faces?: readonly ScoredBox[];
  objects?: readonly DetectedObject[];
  /**
   * Where the picture's interest lies, in source pixels. Used when nothing was detected; when `pinned`
   * (the user placed it), it wins over detections and sits at the centre of the safe area.
   */
  focal?: Point & { pinned?: boolean };
  /** The crop's size when not the largest the source allows (a zoomed-in crop), of the preset's aspect. */
  size?: Size;
}

export type CropStrategy = 'faces' | 'subject' | 'focal' | 'centre';

export interface CropChoice {
  /** In whole source pixels, with the preset's aspect ratio and the largest area the source allows (or `size`). */
  crop: Rect;
  strategy: CropStrategy;
  warnings: CropWarning[];
}

interface Weighted {
  box: Rect;
  weight: number;
}

const UNIFORM_STEPS = 48;

/**
 * Without a second check (older analyses), a detector score below this is too often a pattern. With the
 * check, candidates from `CANDIDATE_SCORE` up are kept when the face mesh confirms them.
 */
export const MIN_FACE_SCORE = 0.5;

/** The largest crop of the preset's aspect, centred: what a "smart" crop that is not smart does. */
export function centreCrop(source: Size, preset: Pick<PlatformPreset, 'width' | 'height'>): Rect {
  return centred(source, maxCropSize(source, preset));
}

function centred(source: Size, size: Size): Rect {
  return {
    x: Math.floor((source.width - size.width) / 2),
    y: Math.floor((source.height - size.height) / 2),
    ...size
  };
}

/** Places the crop so the safe area's centre falls on `point`, as far as the source allows. */
function aroundPoint(source: Size, size: Size, preset: CropPreset, point: Point): Rect {
  const safe = safeAreaRect(preset, { x: 0, y: 0, ...size });
  const centre = centreOf(safe);
  return {
    x: Math.round(clamp(point.x - centre.x, 0, source.width - size.width)),
    y: Math.round(clamp(point.y - centre.y, 0, source.height - size.height)),
    ...size
  };
}

/**
 * The crop offsets on one axis that keep every box inside, as a closed interval within [0, span]; undefined
 * when the boxes are wider than the crop together.
 */
function keepingRange(
  boxes: readonly { start: number; end: number }[],
  inner: { offset: number; size: number },
  span: number
): [number, number] | undefined {
  if (boxes.length === 0) return [0, span];
  const low = Math.max(0, ...boxes.map((box) => box.end - inner.offset - inner.size));
  const high = Math.min(span, ...boxes.map((box) => box.start - inner.offset));
  return low <= high + 0.5 ? [low, Math.max(low, high)] : undefined;
}

/**
 * A pinned focal point: the crop puts the point at the centre of its safe area, moved only as far as it takes
 * to keep every face inside (with room around them when there is space for it). When the faces cannot all fit
 * the crop follows the point and `keepsFaces` is false.
 */
function pinnedPlacement(
  source: Size,
  size: Size,
  preset: CropPreset,
  point: Point,
  faces: readonly Rect[]
): { crop: Rect; keepsFaces: boolean } {
  const wanted = aroundPoint(source, size, preset, point);
  const whole = { x: 0, y: 0, ...size };
  const place = (boxes: readonly Rect[], inner: Rect) => {
    const xs = keepingRange(
      boxes.map((box) => ({ start: box.x, end: box.x + box.width })),
      { offset: inner.x, size: inner.width },
      source.width - size.width
    );
    const ys = keepingRange(
      boxes.map((box) => ({ start: box.y, end: box.y + box.height })),
      { offset: inner.y, size: inner.height },
      source.height - size.height
    );
    if (!xs || !ys) return undefined;
    return {
      x: Math.round(clamp(wanted.x, xs[0], xs[1])),
      y: Math.round(clamp(wanted.y, ys[0], ys[1])),
      ...size
    };
  };
  const bounds = { x: 0, y: 0, ...source };
  const roomy = faces.map((face) => intersect(grow(face, ROOM), bounds));
  // Strictest first: faces with room inside the safe area, then with room inside the crop, then just inside.
  const tight = place(roomy, safeAreaRect(preset, whole)) ?? place(roomy, whole) ?? place(faces, whole);
  // Rounding may nudge a crop half a pixel off a face that touches its edge; `contains` tolerates that.
  if (tight) return { crop: tight, keepsFaces: faces.every((face) => contains(tight, face)) };
  return { crop: wanted, keepsFaces: false };
}

/**
 * Offsets worth trying on one axis: an even sweep plus every offset that puts a subject's edge exactly on a
 * crop edge, a safe-area edge or an overlay edge — the optimum of a piecewise-linear score lies on one.
 */
function candidates(
  span: number,
  size: number,
  edges: readonly number[],
  boxes: readonly { start: number; end: number }[],
  extra: readonly number[]
): number[] {
  if (span <= 0) return [0];
  const offsets = new Set<number>();
  for (let step = 0; step <= UNIFORM_STEPS; step++) offsets.add(Math.round((span * step) / UNIFORM_STEPS));
  const add = (value: number) => offsets.add(Math.round(clamp(value, 0, span)));
  for (const { start, end } of boxes) {
    for (const edge of edges) {
      add(start - edge * size);
      add(end - edge * size);
    }
  }
  for (const value of extra) add(value);
  return [...offsets];
}

function axisEdges(preset: CropPreset, axis: 'x' | 'y'): number[] {
  const safe = safeAreaRect(preset);
  const edges = axis === 'x' ? [0, 1, safe.x, safe.x + safe.width] : [0, 1, safe.y, safe.y + safe.height];
  for (const { rect } of overlayRects(preset)) {
    if (axis === 'x') edges.push(rect.x, rect.x + rect.width);
    else edges.push(rect.y, rect.y + rect.height);
  }
  return edges;
}

/** Space worth keeping around a subject, as a share of its size: a head touching the edge looks cut. */
const ROOM = 0.15;

/** Share of a box's width and height on each side that is margin rather than face. */
const CORE_MARGIN = 0.08;

const grow = (box: Rect, by: number): Rect => ({
  x: box.x - by * box.width,
  y: box.y - by * box.height,
  width: box.width * (1 + 2 * by),
  height: box.height * (1 + 2 * by)
});

/**
 * A subject this much inside counts as kept. Head boxes from the face windows are tight (the face seen large
 * in its window), so a crop that kept 85 % of one cut a real chin or ear; only rounding is forgiven now.
 */
const NEARLY_IN = 0.98;

/** A subject with what its score needs that does not depend on the crop: worked out once per placement. */
interface Scored extends Weighted {
  /** `area(box)`. */
  whole: number;
  /** The box less its margin: the face itself. */
  core: Rect;
  /** The box with room around it. */
  roomy: Rect;
  /** `area(roomy)`. */
  roomyWhole: number;
}

/**
 * Share of a box inside the safe area and under no overlay (overlapping overlays may be counted twice), in plain
 * numbers: the box's x, y, width and height, the safe area's likewise, and the overlays four numbers each.
 */
function clearShareOf(
  bx: number,
  by: number,
  bw: number,
  bh: number,
  sx: number,
  sy: number,
  sw: number,
  sh: number,
  overlays: Float64Array
): number {
  const whole = Math.max(0, bw) * Math.max(0, bh);
  if (whole === 0) return 0;
  const ix = Math.max(bx, sx);
  const iy = Math.max(by, sy);
  const iw = Math.max(0, Math.min(bx + bw, sx + sw) - ix);
  const ih = Math.max(0, Math.min(by + bh, sy + sh) - iy);
  let covered = 0;
  for (let k = 0; k < overlays.length; k += 4) {
    const ox = Math.max(ix, overlays[k]!);
    const oy = Math.max(iy, overlays[k + 1]!);
    const ow = Math.max(0, Math.min(ix + iw, overlays[k]! + overlays[k + 2]!) - ox);
    const oh = Math.max(0, Math.min(iy + ih, overlays[k + 1]! + overlays[k + 3]!) - oy);
    covered += ow * oh;
  }
  return Math.max(0, iw * ih - covered) / whole;
}

/** `coverage(box, crop)` in plain numbers, for a box of area `whole`. */
function coverageOf(box: Rect, whole: number, crop: Rect): number {
  if (whole === 0) return coverage(box, crop);
  const ix = Math.max(box.x, crop.x);
  const iy = Math.max(box.y, crop.y);
  const iw = Math.max(0, Math.min(box.x + box.width, crop.x + crop.width) - ix);
  const ih = Math.max(0, Math.min(box.y + box.height, crop.y + crop.height) - iy);
  return (iw * ih) / whole;
}

/**
 * Scores a crop: each subject fully inside earns the most, fully clear of unsafe regions earns more, and a
 * subject cut by the edge costs more than one left out entirely — unless it is larger than any crop, when
 * as much of it as possible is kept. Ties go to crops that centre the kept subjects in the safe area.
 * It runs thousands of times per preset, so it allocates only the safe area (`safeAreaRect`); the overlays
 * are written into `overlays`, four numbers each, where `overlayRects` would place them.
 */
function scoreCrop(
  crop: Rect,
  subjects: readonly Scored[],
  preset: CropPreset,
  diagonal: number,
  overlays: Float64Array
): number {
  const { x: sx, y: sy, width: sw, height: sh } = safeAreaRect(preset, crop);
  preset.overlays.forEach(({ rect }, index) => {
    overlays[4 * index] = crop.x + rect.x * crop.width;
    overlays[4 * index + 1] = crop.y + rect.y * crop.height;
    overlays[4 * index + 2] = rect.width * crop.width;
    overlays[4 * index + 3] = rect.height * crop.height;
  });
  let score = 0;
  // The union of the kept subjects, grown as they are kept.
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const { box, weight, whole, core, roomy, roomyWhole } of subjects) {
    const inCrop = coverageOf(box, whole, crop);
    if (inCrop <= 0) continue;
    const fits = box.width <= crop.width && box.height <= crop.height;
    if (fits && inCrop < NEARLY_IN) {
      score -= 6 * weight;
      continue;
    }
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
    const clear = clearShareOf(box.x, box.y, box.width, box.height, sx, sy, sw, sh, overlays);
    // The detector's box has a margin around the face: its core being clear is what makes the face clear.
    const coreClear =
      clearShareOf(core.x, core.y, core.width, core.height, sx, sy, sw, sh, overlays) >= 0.999 ? 1 : 0;
    const kept = inCrop >= 0.999 ? 1 : 0;
    // Graded, not all-or-nothing: where no crop has full room around a head (a 3:1 header), the crop that
    // leaves the most still wins, rather than one with the hair line on its edge.
    const room = coverageOf(roomy, roomyWhole, crop);
    score += weight * (10 * inCrop + 2 * kept + 2 * room + clear + 5 * coreClear);
  }
  if (left !== Infinity) {
    const fromX = left + (right - left) / 2;
    const fromY = top + (bottom - top) / 2;
    const toX = sx + sw / 2;
    const toY = sy + sh / 2;
    score -= (0.5 * Math.hypot(fromX - toX, fromY - toY)) / diagonal;
  }
  return score;
}

function weighFaces(faces: readonly ScoredBox[]): Weighted[] {
  const largest = Math.max(...faces.map(area));
  // Every face matters; bigger (nearer) faces a little more, so when not all fit the main people stay.
  return faces.map((face) => ({ box: face, weight: 1 + area(face) / largest }));
}

function weighObjects(objects: readonly DetectedObject[]): Weighted[] {
  const main = mainSubject(objects);
  if (!main) return [];
  const mainWeight = area(main) * main.score;
  return objects.map((object) => ({
    box: object,
    weight: object === main ? 2 : (0.5 * area(object) * object.score) / mainWeight
  }));
}

function bestPlacement(source: Size, size: Size, preset: CropPreset, subjects: readonly Weighted[]): Rect {
  const diagonal = Math.hypot(size.width, size.height);
  const group = union(subjects.map((subject) => subject.box));
  const centred = group ? aroundPoint(source, size, preset, centreOf(group)) : undefined;
  const xs = candidates(
    source.width - size.width,
    size.width,
    axisEdges(preset, 'x'),
    subjects.map(({ box }) => ({ start: box.x, end: box.x + box.width })),
    centred ? [centred.x] : []
  );
  const ys = candidates(
    source.height - size.height,
    size.height,
    axisEdges(preset, 'y'),
    subjects.map(({ box }) => ({ start: box.y, end: box.y + box.height })),
    centred ? [centred.y] : []
  );
  const scored = subjects.map((subject) => {
    const roomy = grow(subject.box, ROOM);
    return {
      ...subject,
      whole: area(subject.box),
      core: grow(subject.box, -CORE_MARGIN),
      roomy,
      roomyWhole: area(roomy)
    };
  });
  const overlays = new Float64Array(4 * preset.overlays.length);
  let best: Rect = { x: xs[0] ?? 0, y: ys[0] ?? 0, ...size };
  let bestScore = -Infinity;
  for (const x of xs) {
    for (const y of ys) {
      const crop = { x, y, ...size };
      const score = scoreCrop(crop, scored, preset, diagonal, overlays);
      if (score > bestScore) {
        bestScore = score;
        best = crop;
      }
    }
  }
  return best;
}

/**
 * Chooses the crop for one preset: the preset's aspect ratio at the largest size the source allows, placed
 * to keep every face inside (or, when they cannot all fit, the most important ones), clear of the preset's
 * unsafe margins and UI overlays, and never cutting a face at the edge.
 */
export function chooseCrop(input: CropInput): CropChoice {
  const { source, preset, focal } = input;
  // Already the faces to act on (`facesActedOn`): checked, less the dismissed, plus the drawn.
  const faces = input.faces ?? [];
  const objects = input.objects ?? [];
  const size = input.size ?? maxCropSize(source, preset);
  const finish = (crop: Rect, strategy: CropStrategy): CropChoice => ({
    crop,
    strategy,
    warnings: cropWarnings(crop, preset, faces, objects)
  });

  if (focal?.pinned) {
    const placed = pinnedPlacement(source, size, preset, focal, faces);
    const choice = finish(placed.crop, 'focal');
    const group = union(faces);
    if (!placed.keepsFaces && group) {
      choice.warnings.unshift({
        code: 'focal_conflict',
        message: 'The faces cannot all fit in this crop around your focal point: the crop follows the point.',
        box: group
      });
    }
    return choice;
  }
  if (faces.length > 0) return finish(bestPlacement(source, size, preset, weighFaces(faces)), 'faces');
  if (objects.length > 0)
    return finish(bestPlacement(source, size, preset, weighObjects(objects)), 'subject');
  if (focal) return finish(aroundPoint(source, size, preset, focal), 'focal');
  return finish(centred(source, size), 'centre');
}
