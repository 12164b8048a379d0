import type { Analysis } from '../optimize/schema';
import type { PlatformPreset } from '../platforms/schema';
import { resolveCrop } from './resolve';
import type { FitMode, PixelRect, ResolvedCrop, UserChoicesInput } from './schema';

export interface CropContext {
  analysis: Analysis;
  /** The user's choices for this image (focal point, dismissed and drawn faces). */
  user?: Omit<UserChoicesInput, 'crops'>;
  /** The user's own crop for this preset, in source pixels; wins over everything. */
  userCrop?: PixelRect;
  fit?: FitMode;
  color?: string;
  /** How far zooming in to clear faces may enlarge the source (1, the default, never does). */
  maxEnlargement?: number;
}

/** `resolveCrop` for an analysed image: what a preview shows and what its export is told to cut. */
export function cropFor(preset: PlatformPreset, context: CropContext): ResolvedCrop {
  const { analysis, user, userCrop, fit, color, maxEnlargement } = context;
  return resolveCrop({
    source: { width: analysis.width, height: analysis.height },
    preset,
    detections: analysis.detections,
    focal: analysis.focal,
    user: { ...user, crop: userCrop },
    fit,
    color,
    maxEnlargement
  });
}

/**
 * `cropFor` with memory: a crop choice costs a few milliseconds, and the page asks for every photo × preset
 * whenever anything changes, so only the pairs whose inputs changed are computed again.
 */
export function cachedCropFor(
  limit = 5000
): (key: string, preset: PlatformPreset, context: CropContext) => ResolvedCrop {
  const cache = new Map<string, ResolvedCrop>();
  return (key, preset, context) => {
    const { analysis, ...choices } = context;
    const full = `${key}|${analysis.width}x${analysis.height}|${JSON.stringify([preset, choices])}`;
    const known = cache.get(full);
    if (known) return known;
    if (cache.size >= limit) cache.clear();
    const choice = cropFor(preset, context);
    cache.set(full, choice);
    return choice;
  };
}
