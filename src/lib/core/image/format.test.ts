import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sniffFormat } from './format';

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(`tests/fixtures/${path}`));

describe('sniffFormat', () => {
  it.each([
    ['formats/progressive.jpg', 'jpeg'],
    ['formats/alpha.png', 'png'],
    ['formats/animated.gif', 'gif'],
    ['formats/photo.webp', 'webp'],
    ['formats/photo.avif', 'avif'],
    ['formats/photo.heic', 'heic'],
    ['formats/photo.tiff', 'tiff']
  ])('recognises %s as %s from its bytes', (path, format) => {
    expect(sniffFormat(fixture(path))).toEqual({ kind: 'raster', format });
  });

  it('names an SVG so the error can say why it is refused', () => {
    const result = sniffFormat(fixture('bad/script.svg'));
    expect(result.kind).toBe('rejected');
    expect(result.kind === 'rejected' && result.label).toMatch(/SVG/);
  });

  it('does not trust the .jpg name of a text file', () => {
    expect(sniffFormat(fixture('bad/text.jpg'))).toEqual({ kind: 'unknown' });
  });

  it('treats an empty buffer as unknown rather than throwing', () => {
    expect(sniffFormat(new Uint8Array())).toEqual({ kind: 'unknown' });
  });
});
