import type { Rect, Size } from '../geometry/rect';
import type { PlatformPreset } from '../platforms/schema';
import type { DetectedObject, ScoredBox } from '../vision/detection';
import { area, AXES, centreOf, clamp, contains, intersect, maxCropSize, union, type Point } from './geometry';
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

export interface Weighted {
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

/**
 * One axis of the placement search at one crop size: the offsets tried, the crop's length, and where its safe
 * area and overlays fall along it, as fractions of that length.
 */
interface Axis {
  offsets: readonly number[];
  length: number;
  safeStart: number;
  /** `1 - start inset - end inset`, as `safeAreaRect` works it out. */
  safeShare: number;
  overlays: readonly { start: number; size: number }[];
}

/** How many numbers `clearLengths` keeps per offset: the safe area's, then each overlay's (the same on both axes). */
const clearStride = (axis: Axis) => 1 + axis.overlays.length;

/**
 * A box's overlap with the crop along one axis, at each offset; for a box without area, 1 or 0 for whether its
 * corner is inside (as `coverage` counts it).
 */
function cropLengths(axis: Axis, start: number, size: number, point: boolean): Float64Array {
  const { offsets, length } = axis;
  const out = new Float64Array(offsets.length);
  offsets.forEach((offset, index) => {
    out[index] = point
      ? Number(start >= offset && start <= offset + length)
      : Math.max(0, Math.min(start + size, offset + length) - Math.max(start, offset));
  });
  return out;
}

/**
 * A box's overlap with the crop's safe area along one axis, then that overlap's with each overlay, at each
 * offset (`clearStride` numbers per offset).
 */
function clearLengths(axis: Axis, start: number, size: number): Float64Array {
  const { offsets, length, safeStart, safeShare, overlays } = axis;
  const stride = clearStride(axis);
  const out = new Float64Array(offsets.length * stride);
  offsets.forEach((offset, index) => {
    const safeFrom = offset + safeStart * length;
    const from = Math.max(start, safeFrom);
    const inSafe = Math.max(0, Math.min(start + size, safeFrom + safeShare * length) - from);
    out[index * stride] = inSafe;
    overlays.forEach((overlay, k) => {
      const overlayFrom = offset + overlay.start * length;
      const overlap =
        Math.min(from + inSafe, overlayFrom + overlay.size * length) - Math.max(from, overlayFrom);
      out[index * stride + 1 + k] = Math.max(0, overlap);
    });
  });
  return out;
}

/** Where the safe area's centre falls along one axis, at each offset. */
const safeCentres = ({ offsets, length, safeStart, safeShare }: Axis): Float64Array =>
  Float64Array.from(offsets, (offset) => offset + safeStart * length + (safeShare * length) / 2);

/** A subject's lengths along one axis, for its box, its room and its core (see `Placed`). */
interface AxisLengths {
  inCrop: Float64Array;
  room: Float64Array;
  clear: Float64Array;
  coreClear: Float64Array;
}

/** Of a subject's `AxisLengths`, the most any offset gives (the least, for the overlays' overlaps). */
interface Extremes {
  inCrop: number;
  room: number;
  clear: Float64Array;
  coreClear: Float64Array;
}

const largest = (values: Float64Array) => values.reduce((most, value) => Math.max(most, value), -Infinity);

/** Of `clearLengths`: the largest safe-area overlap and the smallest overlap with each overlay, at any offset. */
function clearExtremes(lengths: Float64Array, stride: number): Float64Array {
  const out = lengths.slice(0, stride);
  for (let at = stride; at < lengths.length; at += stride) {
    out[0] = Math.max(out[0]!, lengths[at]!);
    for (let k = 1; k < stride; k++) out[k] = Math.min(out[k]!, lengths[at + k]!);
  }
  return out;
}

/**
 * A subject with what its score needs worked out once per placement search. Every area the score takes (in
 * the crop, in the safe area, under an overlay) is a product of an x and a y overlap, so the overlaps are
 * worked out once per offset on each axis rather than once for each of the thousands of candidate crops —
 * by the same operations, in the same order, as on whole rectangles (`intersect`, `safeAreaRect`,
 * `placeFraction`), so each score is the same to the last bit.
 */
interface Placed extends Weighted {
  /** `area(box)`. */
  whole: number;
  /** `area` of the box less its margin: the face itself. */
  coreWhole: number;
  /** `area` of the box with room around it. */
  roomyWhole: number;
  /** Whether the box fits in a crop of this size. */
  fits: boolean;
  x: AxisLengths;
  y: AxisLengths;
}

function placed(subject: Weighted, size: Size, xAxis: Axis, yAxis: Axis): Placed {
  const { box } = subject;
  const whole = area(box);
  const core = grow(box, -CORE_MARGIN);
  const roomy = grow(box, ROOM);
  const roomyWhole = area(roomy);
  const lengths = (axis: Axis, key: 'x' | 'y'): AxisLengths => {
    const { start, span } = AXES[key];
    return {
      inCrop: cropLengths(axis, box[start], box[span], whole === 0),
      room: cropLengths(axis, roomy[start], roomy[span], roomyWhole === 0),
      clear: clearLengths(axis, box[start], box[span]),
      coreClear: clearLengths(axis, core[start], core[span])
    };
  };
  return {
    ...subject,
    whole,
    coreWhole: area(core),
    roomyWhole,
    fits: box.width <= size.width && box.height <= size.height,
    x: lengths(xAxis, 'x'),
    y: lengths(yAxis, 'y')
  };
}

/** `coverage` from a box's overlaps along each axis, for a box of area `whole`. */
const shareOf = (inX: number, inY: number, whole: number) => (whole === 0 ? inX * inY : (inX * inY) / whole);

/**
 * Share of a box inside the safe area and under no overlay (overlapping overlays may be counted twice), from
 * its `clearLengths` at offsets `xi`, `yi` of the axes.
 */
function clearShareOf(
  x: Float64Array,
  y: Float64Array,
  xi: number,
  yi: number,
  stride: number,
  whole: number
) {
  if (whole === 0) return 0;
  let covered = 0;
  for (let k = 1; k < stride; k++) covered += x[xi * stride + k]! * y[yi * stride + k]!;
  return Math.max(0, x[xi * stride]! * y[yi * stride]! - covered) / whole;
}

/**
 * What a subject kept in the crop earns, from its shares in the crop, of its room, and of it and its core clear of
 * unsafe regions. It never falls as a share grows, which `lineBounds` relies on.
 */
function keptScore(weight: number, inCrop: number, room: number, clear: number, coreClear: number): number {
  const kept = inCrop >= 0.999 ? 1 : 0;
  // The detector's box has a margin around the face: its core being clear is what makes the face clear.
  const coreIsClear = coreClear >= 0.999 ? 1 : 0;
  // Graded, not all-or-nothing: where no crop has full room around a head (a 3:1 header), the crop that
  // leaves the most still wins, rather than one with the hair line on its edge.
  return weight * (10 * inCrop + 2 * kept + 2 * room + clear + 5 * coreIsClear);
}

/**
 * For each offset on `axis`, the most `scoreCrop` can give any crop there, whatever its offset on the other
 * axis: that axis' `Extremes` in place of its lengths. Each share can only be smaller than assumed, `keptScore`
 * never falls as a share grows, a cut subject (`NEARLY_IN`) and the centring only take away — and rounding keeps
 * all of that in order, so no crop on the line scores above its bound, to the last bit. The search skips lines
 * whose bound cannot beat what it has: most of them, once a good crop is found.
 */
function lineBounds(
  subjects: readonly Placed[],
  axis: 'x' | 'y',
  count: number,
  stride: number
): Float64Array {
  const across = subjects.map((subject): Extremes => {
    const lengths = subject[axis === 'x' ? 'y' : 'x'];
    return {
      inCrop: largest(lengths.inCrop),
      room: largest(lengths.room),
      clear: clearExtremes(lengths.clear, stride),
      coreClear: clearExtremes(lengths.coreClear, stride)
    };
  });
  const bounds = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    let bound = 0;
    subjects.forEach((subject, at) => {
      const along = subject[axis];
      const extremes = across[at]!;
      const inCrop = shareOf(along.inCrop[index]!, extremes.inCrop, subject.whole);
      if (inCrop <= 0 || (subject.fits && inCrop < NEARLY_IN)) return;
      bound += keptScore(
        subject.weight,
        inCrop,
        shareOf(along.room[index]!, extremes.room, subject.roomyWhole),
        clearShareOf(along.clear, extremes.clear, index, 0, stride, subject.whole),
        clearShareOf(along.coreClear, extremes.coreClear, index, 0, stride, subject.coreWhole)
      );
    });
    bounds[index] = bound;
  }
  return bounds;
}

/**
 * Scores the crop at offsets `xi`, `yi` of the axes: each subject fully inside earns the most, fully clear of
 * unsafe regions earns more, and a subject cut by the edge costs more than one left out entirely — unless it
 * is larger than any crop, when as much of it as possible is kept. Ties go to crops that centre the kept
 * subjects in the safe area.
 */
function scoreCrop(
  subjects: readonly Placed[],
  xi: number,
  yi: number,
  stride: number,
  centres: { x: Float64Array; y: Float64Array },
  diagonal: number
): number {
  let score = 0;
  // The union of the kept subjects, grown as they are kept.
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const { box, weight, whole, coreWhole, roomyWhole, fits, x, y } of subjects) {
    const inCrop = shareOf(x.inCrop[xi]!, y.inCrop[yi]!, whole);
    if (inCrop <= 0) continue;
    if (fits && inCrop < NEARLY_IN) {
      score -= 6 * weight;
      continue;
    }
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
    score += keptScore(
      weight,
      inCrop,
      shareOf(x.room[xi]!, y.room[yi]!, roomyWhole),
      clearShareOf(x.clear, y.clear, xi, yi, stride, whole),
      clearShareOf(x.coreClear, y.coreClear, xi, yi, stride, coreWhole)
    );
  }
  if (left !== Infinity) {
    const fromX = left + (right - left) / 2;
    const fromY = top + (bottom - top) / 2;
    score -= (0.5 * Math.hypot(fromX - centres.x[xi]!, fromY - centres.y[yi]!)) / diagonal;
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

/** The crops a placement search tries at one size, and what scores and bounds them. */
export interface PlacementGrid {
  /** The offsets tried on each axis: the crops are every pair, rows (`xs`) first. */
  xs: readonly number[];
  ys: readonly number[];
  /** The score of the crop at offsets `xi`, `yi`. */
  score: (xi: number, yi: number) => number;
  /** Per offset on `axis`, the most any crop there can score (`lineBounds`). */
  bounds: (axis: 'x' | 'y') => Float64Array;
  /** Where the crop centred on the subjects lies in the grid, when it does. */
  centred?: { xi: number; yi: number };
}

/** The grid of crops of `size` that `bestPlacement` searches, around these subjects. */
export function placementGrid(
  source: Size,
  size: Size,
  preset: CropPreset,
  subjects: readonly Weighted[]
): PlacementGrid {
  const diagonal = Math.hypot(size.width, size.height);
  const group = union(subjects.map((subject) => subject.box));
  const centred = group ? aroundPoint(source, size, preset, centreOf(group)) : undefined;
  const { safe } = preset;
  const axis = (key: 'x' | 'y'): Axis => {
    const { start, span, before, after } = AXES[key];
    return {
      offsets: candidates(
        source[span] - size[span],
        size[span],
        axisEdges(preset, key),
        subjects.map(({ box }) => ({ start: box[start], end: box[start] + box[span] })),
        centred ? [centred[start]] : []
      ),
      length: size[span],
      safeStart: safe[before],
      safeShare: 1 - safe[before] - safe[after],
      overlays: preset.overlays.map(({ rect }) => ({ start: rect[start], size: rect[span] }))
    };
  };
  const xAxis = axis('x');
  const yAxis = axis('y');
  const scored = subjects.map((subject) => placed(subject, size, xAxis, yAxis));
  const stride = clearStride(xAxis);
  const centres = { x: safeCentres(xAxis), y: safeCentres(yAxis) };
  const xs = xAxis.offsets;
  const ys = yAxis.offsets;
  const [xi, yi] = centred ? [xs.indexOf(centred.x), ys.indexOf(centred.y)] : [-1, -1];
  return {
    xs,
    ys,
    score: (xi, yi) => scoreCrop(scored, xi, yi, stride, centres, diagonal),
    bounds: (key) => lineBounds(scored, key, key === 'x' ? xs.length : ys.length, stride),
    ...(xi >= 0 && yi >= 0 ? { centred: { xi, yi } } : {})
  };
}

/** The first best-scoring crop of the grid, in its order. */
export function bestPlacement(
  source: Size,
  size: Size,
  preset: CropPreset,
  subjects: readonly Weighted[]
): Rect {
  const { xs, ys, score, bounds, centred } = placementGrid(source, size, preset, subjects);
  // A line holds one crop when the crop spans the source on the other axis (as the largest crop does): its
  // bound would cost what scoring it does, so only a grid is searched with bounds.
  const grid = xs.length > 1 && ys.length > 1;
  const rowBounds = grid ? bounds('x') : undefined;
  const columnBounds = grid ? bounds('y') : undefined;
  // A score the best must reach, from a crop that is usually near it (centred on the subjects): lines bound
  // below it are skipped from the start. Only strictly below, so that an earlier crop that ties still wins.
  const seed = grid && centred ? score(centred.xi, centred.yi) : -Infinity;
  const beaten = (bounds: Float64Array | undefined, index: number, bestScore: number) =>
    bounds !== undefined && (bounds[index]! < seed || bounds[index]! <= bestScore);
  // The first best wins ties, in this order.
  let best = { xi: 0, yi: 0 };
  let bestScore = -Infinity;
  for (let xi = 0; xi < xs.length; xi++) {
    if (beaten(rowBounds, xi, bestScore)) continue;
    for (let yi = 0; yi < ys.length; yi++) {
      if (beaten(columnBounds, yi, bestScore)) continue;
      const value = score(xi, yi);
      if (value > bestScore) {
        bestScore = value;
        best = { xi, yi };
      }
    }
  }
  return { x: xs[best.xi] ?? 0, y: ys[best.yi] ?? 0, ...size };
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
