import { describe, expect, it } from 'vitest';
import { platformPresets } from '$core/platforms';
import { groupPresets } from './platform-names';

describe('groupPresets', () => {
  it('keeps every preset, once, grouped by platform in catalogue order', () => {
    const groups = groupPresets(platformPresets, '');
    expect(groups.flatMap((group) => group.presets)).toHaveLength(platformPresets.length);
    expect(groups[0]?.platform).toBe(platformPresets[0]?.platform);
    for (const group of groups) expect(group.presets.every((p) => p.platform === group.platform)).toBe(true);
  });

  it('matches every word against label, platform name and size', () => {
    const ids = groupPresets(platformPresets, 'youtube 2560').flatMap((group) =>
      group.presets.map((p) => p.id)
    );
    expect(ids).toEqual(['youtube-banner']);
    expect(groupPresets(platformPresets, 'linkedin banner')[0]?.presets.map((p) => p.id)).toContain(
      'linkedin-banner'
    );
    expect(groupPresets(platformPresets, 'no such thing')).toEqual([]);
  });
});
