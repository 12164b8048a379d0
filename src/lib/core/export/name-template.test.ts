import { describe, expect, it } from 'vitest';
import { outputFileName } from '../optimize/file-name';
import { DEFAULT_NAME_TEMPLATE, NameTemplateSchema, nameTokens, uniqueNamer } from './name-template';

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

  it('accepts exactly the tokens outputFileName fills', () => {
    const template = nameTokens.map((token) => `{${token}}`).join('-');
    expect(NameTemplateSchema.safeParse(template).success).toBe(true);
    const name = outputFileName(
      { source: 'a.png', preset: 'x-header', width: 1500, height: 500, format: 'webp' },
      template
    );
    expect(name).toBe('a-x-header-1500-500-webp');
    expect(name).not.toContain('{');
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
