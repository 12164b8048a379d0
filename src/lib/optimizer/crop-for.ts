import { chooseCrop, cropWarnings, type CropWarning, type Point } from '$core/crop';
import type { Rect } from '$core/geometry/rect';
import type { Analysis, PixelRect } from '$core/optimize';
import type { PlatformPreset } from '$core/platforms';

export interface CropContext {
  analysis: Analysis;
  /** The focal point the user dragged, in source pixels; wins over detections. */
  pinnedFocal?: Point;
  /** The user's own crop for this preset, in source pixels; wins over everything. */
  userCrop?: PixelRect;
}

export interface PreviewCrop {
  crop: Rect;
  warnings: CropWarning[];
  byUser: boolean;
}

/** The crop a preview shows and the export uses: the user's crop, else the one chosen from the analysis. */
export function cropFor(preset: PlatformPreset, context: CropContext): PreviewCrop {
  const { analysis, pinnedFocal, userCrop } = context;
  const { faces, objects } = analysis.detections;
  if (userCrop) {
    return {
      crop: userCrop,
      warnings: cropWarnings(userCrop, preset, faces, objects),
      byUser: true
    };
  }
  const focal = pinnedFocal ? { ...pinnedFocal, pinned: true } : analysis.focal;
  const { crop, warnings } = chooseCrop({
    source: { width: analysis.width, height: analysis.height },
    preset,
    faces,
    objects,
    focal
  });
  return { crop, warnings, byUser: false };
}

/**
 * `cropFor` with memory: a crop choice costs a few milliseconds, and the page asks for every photo × preset
 * whenever anything changes, so only the pairs whose inputs changed are computed again.
 */
export function cachedCropFor(
  limit = 5000
): (key: string, preset: PlatformPreset, context: CropContext) => PreviewCrop {
  const cache = new Map<string, PreviewCrop>();
  return (key, preset, context) => {
    const full = `${key}|${JSON.stringify([preset, context.pinnedFocal, context.userCrop])}`;
    const known = cache.get(full);
    if (known) return known;
    if (cache.size >= limit) cache.clear();
    const choice = cropFor(preset, context);
    cache.set(full, choice);
    return choice;
  };
}
