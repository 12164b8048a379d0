import { describe, expect, it } from 'vitest';
import { platformPresets } from './catalogue';
import { defaultPresetIds } from './defaults';
import { presetById } from './select';

describe('defaultPresetIds', () => {
  it('names catalogue presets, one for each major platform', () => {
    const presets = defaultPresetIds.map((id) => presetById(id, platformPresets));
    expect(presets.every(Boolean)).toBe(true);
    expect(presets.map((preset) => preset?.platform)).toEqual([
      'instagram',
      'facebook',
      'x',
      'linkedin',
      'youtube',
      'tiktok'
    ]);
  });
});
