import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NAME_TEMPLATE,
  NameTemplateSchema,
  baseName,
  renderFileName,
  uniqueNamer,
  type NameValues
} from './file-name';

const values: NameValues = {
  name: 'beach',
  preset: 'instagram-square',
  platform: 'instagram',
  width: 1080,
  height: 1080,
  ext: 'jpg',
  n: 3
};

describe('renderFileName', () => {
  it('fills the default template', () => {
    expect(renderFileName(DEFAULT_NAME_TEMPLATE, values)).toBe('beach_instagram-square_1080x1080.jpg');
  });

  it('replaces path separators and reserved characters so a name cannot escape its folder', () => {
    expect(renderFileName('{name}.{ext}', { ...values, name: '../etc/pass:wd' })).toBe('..-etc-pass-wd.jpg');
  });

  it('uses every token', () => {
    expect(renderFileName('{n}-{platform}/{preset}.{ext}', values)).toBe('3-instagram-instagram-square.jpg');
  });
});

describe('NameTemplateSchema', () => {
  it('accepts the default', () => {
    expect(NameTemplateSchema.parse(DEFAULT_NAME_TEMPLATE)).toBe(DEFAULT_NAME_TEMPLATE);
  });

  it('names the unknown token', () => {
    const result = NameTemplateSchema.safeParse('{name}_{size}.{ext}');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('Unknown token {size}');
  });

  it('requires the extension', () => {
    expect(NameTemplateSchema.safeParse('{name}_{preset}').error?.issues[0]?.message).toBe(
      'Add {ext} to the template.'
    );
  });
});

describe('uniqueNamer', () => {
  it('numbers repeats before the extension, case-insensitively', () => {
    const unique = uniqueNamer();
    expect(['a.jpg', 'A.jpg', 'a.jpg', 'b.png'].map(unique)).toEqual([
      'a.jpg',
      'A (2).jpg',
      'a (3).jpg',
      'b.png'
    ]);
  });
});

describe('baseName', () => {
  it('drops only the last extension', () => {
    expect(baseName('holiday.photo.heic')).toBe('holiday.photo');
    expect(baseName('.hidden')).toBe('.hidden');
  });
});
