import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPlainSrgbJpeg, jpegSegment } from './jpeg-segments';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/formats/${name}`));

describe('jpegSegment', () => {
  it('finds the EXIF block of a JPEG and nothing in other formats', () => {
    const exif = jpegSegment(fixture('with-gps.jpg'), 0xe1, 'Exif\0\0');
    expect(['II', 'MM']).toContain(String.fromCharCode(exif![0]!, exif![1]!));
    expect(jpegSegment(fixture('alpha.png'), 0xe1, 'Exif\0\0')).toBeUndefined();
  });
});

describe('isPlainSrgbJpeg', () => {
  it('is true only for a JPEG without an ICC profile', () => {
    expect(isPlainSrgbJpeg(fixture('with-gps.jpg'))).toBe(true);
    expect(isPlainSrgbJpeg(fixture('adobe-rgb.jpg'))).toBe(false);
    expect(isPlainSrgbJpeg(fixture('alpha.png'))).toBe(false);
  });
});
