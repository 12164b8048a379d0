import { cachedCropFor } from '$core/crop/crop-for';
import type { FitMode, ResolvedCrop } from '$core/crop/schema';
import type { PlatformPreset } from '$core/platforms';
import type { SourceImage } from './sources.svelte';
import { zoomSetting } from './zoom-setting.svelte';

const cached = cachedCropFor();

/**
 * The crop decision for one photo and preset, made once (`resolveCrop`, remembered) and shared by its preview
 * card, its editor and its export: the worker is handed this rectangle and cuts exactly it.
 */
export function cropOf(
  source: SourceImage,
  preset: PlatformPreset,
  fill: { fit: FitMode; color?: string } = { fit: 'cover' }
): ResolvedCrop | undefined {
  if (!source.analysis) return undefined;
  return cached(source.id, preset, {
    analysis: source.analysis,
    user: { focal: source.pinnedFocal, dismissed: source.dismissed, added: source.added },
    userCrop: source.userCrops[preset.id],
    fit: fill.fit,
    color: fill.color,
    maxEnlargement: zoomSetting.maxEnlargement
  });
}
