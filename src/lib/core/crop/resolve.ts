import type { Rect, Size } from '../geometry/rect';
import type { DetectedObject, Face, ScoredBox } from '../vision/detection';
import { chooseCrop, MIN_FACE_SCORE, type CropPreset } from './choose';
import { area, centreOf, clamp, intersect, type Point } from './geometry';
import { safeAreaRect } from './safe-area';
import type { FitMode, PixelRect, ResolvedCrop, UserChoicesInput } from './schema';
import { cropWarnings, type CropWarning } from './warnings';
import { zoomToClear } from './zoom';

export interface ResolveInput {
  /** Upright source size in pixels. */
  source: Size;
  preset: CropPreset;
  detections: { faces: readonly Face[]; objects: readonly DetectedObject[] };
  /** The automatic focal point (used when nothing was detected). */
  focal?: Point;
  /** The user's choices for this image; `crop` is theirs for this preset. */
  user?: Omit<UserChoicesInput, 'crops'> & { crop?: PixelRect };
  fit?: FitMode;
  color?: string;
  /**
   * How far the output may enlarge the source when zooming in to clear faces of the platform's UI: 1 (the
   * default) never enlarges, so a tighter crop is taken only where the source has pixels to spare.
   */
  maxEnlargement?: number;
}

interface Padded {
  placement: PixelRect;
  warnings: CropWarning[];
}

/** A dismissed box takes out every detection it overlaps this much (as a share of the smaller box). */
const DISMISS_OVERLAP = 0.5;

function overlapShare(a: Rect, b: Rect): number {
  const smaller = Math.min(area(a), area(b));
  return smaller === 0 ? 0 : area(intersect(a, b)) / smaller;
}

/** Whether the user dismissed this detection ("not a face"). */
export const isDismissed = (face: Rect, dismissed: readonly Rect[]): boolean =>
  dismissed.some((box) => overlapShare(face, box) >= DISMISS_OVERLAP);

/**
 * The faces a crop is built around: the detector's confident faces less those the user dismissed, plus the
 * ones the user drew (certain by definition).
 */
export function facesActedOn(
  faces: readonly Face[],
  user: Pick<UserChoicesInput, 'dismissed' | 'added'> = {}
): ScoredBox[] {
  const dismissed = user.dismissed ?? [];
  const kept = faces.filter(
    (face) => (face.check ? face.check.kept : face.score >= MIN_FACE_SCORE) && !isDismissed(face, dismissed)
  );
  const plain = kept.map(({ x, y, width, height, score }) => ({ x, y, width, height, score }));
  return [...plain, ...(user.added ?? []).map((box) => ({ ...box, score: 1 }))];
}

/** The whole of `region` scaled to fit `within` (part of the frame), centred on the safe area as far as the frame allows. */
function padPlacement(region: Size, preset: CropPreset, within: Rect): PixelRect {
  const scale = Math.min(within.width / region.width, within.height / region.height);
  const width = clamp(Math.round(region.width * scale), 1, preset.width);
  const height = clamp(Math.round(region.height * scale), 1, preset.height);
  const centre = centreOf(safeAreaRect(preset, { x: 0, y: 0, width: preset.width, height: preset.height }));
  return {
    x: Math.round(clamp(centre.x - width / 2, 0, preset.width - width)),
    y: Math.round(clamp(centre.y - height / 2, 0, preset.height - height)),
    width,
    height
  };
}

/** Maps a box from source pixels into the output frame, given which part of the source lands where. */
function toFrame(box: Rect, crop: Rect, placement: Rect): Rect {
  const sx = placement.width / crop.width;
  const sy = placement.height / crop.height;
  return {
    x: placement.x + (box.x - crop.x) * sx,
    y: placement.y + (box.y - crop.y) * sy,
    width: box.width * sx,
    height: box.height * sy
  };
}

/** A padded frame's warnings: the same checks as a crop's, on the faces where they land in the output. */
function padWarnings(
  crop: Rect,
  placement: Rect,
  preset: CropPreset,
  faces: readonly ScoredBox[],
  objects: readonly DetectedObject[]
): CropWarning[] {
  const frame = { x: 0, y: 0, width: preset.width, height: preset.height };
  const mapped = faces.map((face) => ({ ...face, ...toFrame(face, crop, placement), source: face }));
  const mappedObjects = objects.map((object) => ({ ...object, ...toFrame(object, crop, placement) }));
  return cropWarnings(frame, preset, mapped, mappedObjects).map((warning) => {
    // Say where the face is in the photo, as crop warnings do.
    const original = mapped.find(
      (face) => face.x === warning.box.x && face.y === warning.box.y && face.width === warning.box.width
    );
    const box = original ? original.source : warning.box;
    return { ...warning, box: { x: box.x, y: box.y, width: box.width, height: box.height } };
  });
}

/**
 * The one crop decision for an (image, preset): the user's crop if they drew one, else the crop chosen
 * around the faces they kept and drew (or the subject, or their pinned focal point), then fitted to the frame
 * by the fill mode. Previews, exports and the CLI all call this and nothing else, so they cannot disagree.
 */
export function resolveCrop(input: ResolveInput): ResolvedCrop {
  const { source, preset, user = {}, fit = 'cover' } = input;
  // A plain copy: the caller's may be a reactive proxy, and the decision is posted to workers.
  const userCrop = user.crop && {
    x: user.crop.x,
    y: user.crop.y,
    width: user.crop.width,
    height: user.crop.height
  };
  const faces = facesActedOn(input.detections.faces, user);
  const objects = input.detections.objects;
  const frame = { x: 0, y: 0, width: preset.width, height: preset.height };
  const color = fit === 'pad-color' ? (input.color ?? '#000000') : undefined;

  if (fit !== 'cover') {
    // A pad never cuts: the user's crop, else the whole picture, shown whole.
    const crop = userCrop ?? { x: 0, y: 0, width: source.width, height: source.height };
    // As large as the frame allows, unless shrinking it into the safe area clears faces the platform's
    // buttons and captions would cover.
    const [large, safe] = [frame, safeAreaRect(preset, frame)].map((within) => {
      const placement = padPlacement(crop, preset, within);
      return { placement, warnings: padWarnings(crop, placement, preset, faces, objects) };
    }) as [Padded, Padded];
    const { placement, warnings } = safe.warnings.length < large.warnings.length ? safe : large;
    return { crop, placement, fit, color, strategy: userCrop ? 'user' : 'centre', warnings };
  }
  if (userCrop) {
    return {
      crop: userCrop,
      placement: frame,
      fit,
      strategy: 'user',
      warnings: cropWarnings(userCrop, preset, faces, objects)
    };
  }
  const pinned = user.focal && { x: user.focal.x, y: user.focal.y, pinned: true };
  const chooseAt = (size?: Size) =>
    chooseCrop({ source, preset, faces, objects, focal: pinned ?? input.focal, size });
  const largest = chooseAt();
  const zoomed = zoomToClear({
    source,
    preset,
    faces,
    largest,
    maxEnlargement: input.maxEnlargement ?? 1,
    chooseAt
  });
  const choice = zoomed ?? largest;
  return {
    crop: choice.crop,
    placement: frame,
    fit,
    strategy: choice.strategy,
    warnings: choice.warnings,
    ...(zoomed ? { zoom: zoomed.zoom } : {})
  };
}
