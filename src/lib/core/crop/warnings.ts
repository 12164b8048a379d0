import { z } from 'zod';
import { BoxSchema } from '../vision/detection';
import type { DetectedObject, ScoredBox } from '../vision/detection';
import type { Rect } from '../geometry/rect';
import type { PlatformPreset } from '../platforms/schema';
import { area, contains, coverage, intersect } from './geometry';
import { overlayRects, safeAreaRect } from './safe-area';

export const cropWarningCodes = [
  'focal_conflict',
  'face_left_out',
  'face_cut',
  'face_outside_safe',
  'face_under_overlay',
  'subject_cut',
  'subject_outside_safe',
  'subject_under_overlay'
] as const;

export const CropWarningSchema = z.object({
  code: z.enum(cropWarningCodes),
  message: z.string(),
  /** The face or subject concerned, in source pixels. */
  box: BoxSchema,
  /** The overlay region it enters, for the `*_under_overlay` codes. */
  region: z.string().optional()
});
export type CropWarning = z.infer<typeof CropWarningSchema>;

/** An overlay matters once it hides more than this share of a face (a hair's breadth of overlap does not). */
const OVERLAY_SHARE = 0.05;

type Frameable = Pick<PlatformPreset, 'safe' | 'overlays'>;

/** The detected thing a crop without faces is built around: the largest, most certain object, people first. */
export function mainSubject(objects: readonly DetectedObject[]): DetectedObject | undefined {
  const weight = (object: DetectedObject) =>
    area(object) * object.score * (object.label === 'person' ? 2 : 1);
  return [...objects].sort((a, b) => weight(b) - weight(a))[0];
}

function boxWarnings(kind: 'face' | 'subject', box: Rect, crop: Rect, preset: Frameable): CropWarning[] {
  const plain = { x: box.x, y: box.y, width: box.width, height: box.height };
  const inCrop = coverage(box, crop);
  const noun = kind === 'face' ? 'A face' : 'The main subject';
  if (inCrop === 0) {
    return kind === 'face'
      ? [{ code: 'face_left_out', message: `${noun} is left out of this crop.`, box: plain }]
      : [];
  }
  if (!contains(crop, box)) {
    return [{ code: `${kind}_cut`, message: `${noun} is cut by the edge of this crop.`, box: plain }];
  }
  const warnings: CropWarning[] = [];
  if (!contains(safeAreaRect(preset, crop), box)) {
    warnings.push({
      code: `${kind}_outside_safe`,
      message: `${noun} reaches outside the platform's safe area.`,
      box: plain
    });
  }
  for (const overlay of overlayRects(preset, crop)) {
    if (area(intersect(box, overlay.rect)) > OVERLAY_SHARE * area(box)) {
      warnings.push({
        code: `${kind}_under_overlay`,
        message: `${noun} is under the platform's ${overlay.name}.`,
        box: plain,
        region: overlay.name
      });
    }
  }
  return warnings;
}

/** Every way the crop fails the faces (or, without faces, the main subject): left out, cut, unsafe, covered. */
export function cropWarnings(
  crop: Rect,
  preset: Frameable,
  faces: readonly ScoredBox[],
  objects: readonly DetectedObject[] = []
): CropWarning[] {
  if (faces.length > 0) return faces.flatMap((face) => boxWarnings('face', face, crop, preset));
  const subject = mainSubject(objects);
  return subject ? boxWarnings('subject', subject, crop, preset) : [];
}
