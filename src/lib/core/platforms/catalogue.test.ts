import { describe, expect, it } from 'vitest';
import { ImageError } from '../errors/image-error';
import { platformPresets } from './catalogue';
import { UserPresetSchema } from './schema';
import { presetById, resolvePresets } from './select';

const named = [
  'instagram-square',
  'instagram-portrait',
  'instagram-landscape',
  'instagram-story',
  'instagram-reel-cover',
  'instagram-profile',
  'facebook-feed',
  'facebook-square',
  'facebook-story',
  'facebook-cover',
  'facebook-event-cover',
  'linkedin-post',
  'linkedin-square',
  'linkedin-article-cover',
  'linkedin-banner',
  'linkedin-company-cover',
  'x-post',
  'x-header',
  'youtube-thumbnail',
  'youtube-banner',
  'tiktok-cover',
  'pinterest-pin',
  'pinterest-square',
  'pinterest-story',
  'threads-post',
  'blog-header',
  'email-header',
  'website-banner'
];

describe('platform catalogue', () => {
  it('has at least 30 presets with unique ids, covering every placement the issue names', () => {
    const ids = platformPresets.map((preset) => preset.id);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of named) expect(ids).toContain(id);
  });

  it('places the YouTube banner safe area at 1546×423 centred in 2560×1440', () => {
    const banner = presetById('youtube-banner');
    if (!banner) throw new Error('missing youtube-banner');
    const { safe, width, height } = banner;
    expect(Math.round(width * (1 - safe.left - safe.right))).toBe(1546);
    expect(Math.round(height * (1 - safe.top - safe.bottom))).toBe(423);
    expect(Math.round(width * safe.left)).toBe(507);
    expect(Math.round(height * safe.top)).toBe(508);
  });

  it('gives the TikTok cover its action rail and caption overlays', () => {
    const names = presetById('tiktok-cover')?.overlays.map((overlay) => overlay.name);
    expect(names).toEqual(expect.arrayContaining(['action rail', 'caption and CTA']));
  });

  it('names a source and a check date for every preset', () => {
    for (const preset of platformPresets) {
      expect(preset.source.length).toBeGreaterThan(10);
      expect(preset.checkedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('resolvePresets', () => {
  it('resolves ids, platforms and all, without duplicates and in catalogue order', () => {
    expect(resolvePresets('x-header,instagram-square').map((preset) => preset.id)).toEqual([
      'instagram-square',
      'x-header'
    ]);
    const youtube = resolvePresets('youtube,youtube-banner').map((preset) => preset.id);
    expect(youtube).toEqual(['youtube-thumbnail', 'youtube-banner', 'youtube-shorts']);
    expect(resolvePresets('all')).toHaveLength(platformPresets.length);
  });

  it('refuses an unknown name with invalid_options', () => {
    expect(() => resolvePresets('myspace')).toThrow(ImageError);
    expect(() => resolvePresets(' , ')).toThrow(/No presets/);
  });

  it('resolves user presets passed beside the catalogue', () => {
    const mine = UserPresetSchema.parse({ id: 'user-poster', label: 'Poster', width: 800, height: 1200 });
    expect(mine).toMatchObject({ platform: 'custom', formats: ['jpeg'] });
    expect(resolvePresets('custom', [...platformPresets, mine])).toEqual([mine]);
  });

  it('refuses a user preset that would shadow a built-in id', () => {
    expect(UserPresetSchema.safeParse({ id: 'x-header', label: 'X', width: 10, height: 10 }).success).toBe(
      false
    );
  });
});
