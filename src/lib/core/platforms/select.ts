import { ImageError } from '../errors/image-error';
import { platformPresets } from './catalogue';
import { PlatformSchema, type PlatformPreset } from './schema';

export function presetById(
  id: string,
  presets: readonly PlatformPreset[] = platformPresets
): PlatformPreset | undefined {
  return presets.find((preset) => preset.id === id);
}

/**
 * Resolves a selector — `all`, a platform name, or preset ids — into presets, without duplicates and in
 * catalogue order. Several selectors may be joined with commas (`instagram,x-header`). Unknown names throw.
 */
export function resolvePresets(
  selector: string,
  presets: readonly PlatformPreset[] = platformPresets
): PlatformPreset[] {
  const wanted = new Set<string>();
  const terms = selector
    .split(',')
    .map((term) => term.trim().toLowerCase())
    .filter(Boolean);
  if (terms.length === 0) throw new ImageError('invalid_options', 'No presets were named.');
  for (const term of terms) {
    const matches =
      term === 'all'
        ? presets
        : PlatformSchema.safeParse(term).success
          ? presets.filter((preset) => preset.platform === term)
          : presets.filter((preset) => preset.id === term);
    if (matches.length === 0) {
      throw new ImageError('invalid_options', `"${term}" is not a preset id, a platform name or "all".`);
    }
    for (const preset of matches) wanted.add(preset.id);
  }
  return presets.filter((preset) => wanted.has(preset.id));
}
