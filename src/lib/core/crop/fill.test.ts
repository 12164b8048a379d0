import { describe, expect, it } from 'vitest';
import { commonFit, fillFor, FillSettingsSchema, withFitForAll } from './fill';

const settings = FillSettingsSchema.parse({});

describe('fillFor', () => {
  it('covers a preset nobody chose a fill for', () => {
    expect(fillFor(settings, 'instagram-story')).toEqual({ fit: 'cover' });
  });

  it('pads in the photo’s edge colour when the colour is automatic, black before it is known', () => {
    const padded = withFitForAll(settings, ['tiktok'], 'pad-color');
    expect(fillFor(padded, 'tiktok', '#123456')).toEqual({ fit: 'pad-color', color: '#123456' });
    expect(fillFor(padded, 'tiktok')).toEqual({ fit: 'pad-color', color: '#000000' });
  });

  it('pads in a typed colour whatever the photo suggests', () => {
    const padded = { ...withFitForAll(settings, ['tiktok'], 'pad-color'), color: '#ff8800' };
    expect(fillFor(padded, 'tiktok', '#123456')).toEqual({ fit: 'pad-color', color: '#ff8800' });
  });
});

describe('withFitForAll', () => {
  it('sets every listed preset and leaves the others', () => {
    const start = withFitForAll(settings, ['x-header'], 'pad-color');
    const next = withFitForAll(start, ['tiktok', 'instagram-story'], 'pad-blur');
    expect(next.fits).toEqual({ 'x-header': 'pad-color', tiktok: 'pad-blur', 'instagram-story': 'pad-blur' });
    expect(commonFit(next, ['tiktok', 'instagram-story'])).toBe('pad-blur');
    expect(commonFit(next, ['tiktok', 'x-header'])).toBeUndefined();
  });

  it('forgets presets set back to cover', () => {
    const next = withFitForAll(withFitForAll(settings, ['tiktok'], 'pad-blur'), ['tiktok'], 'cover');
    expect(next.fits).toEqual({});
    expect(commonFit(next, ['tiktok'])).toBe('cover');
  });
});

describe('FillSettingsSchema', () => {
  it('refuses a colour that is not #rrggbb', () => {
    expect(FillSettingsSchema.safeParse({ color: 'orange' }).success).toBe(false);
    expect(FillSettingsSchema.safeParse({ fits: { tiktok: 'stretch' } }).success).toBe(false);
  });
});
