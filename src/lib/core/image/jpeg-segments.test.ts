import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { exifOrientation, isPlainSrgbJpeg, jpegSegment } from './jpeg-segments';

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

describe('exifOrientation', () => {
  it.each([1, 3, 6, 8])('reads orientation %i as sharp writes it', async (orientation) => {
    const jpeg = await sharp('tests/fixtures/formats/with-gps.jpg').withMetadata({ orientation }).toBuffer();
    expect(exifOrientation(new Uint8Array(jpeg))).toBe(orientation);
  });

  it('is 0 without the tag, without EXIF and for other formats', async () => {
    const exif = jpegSegment(fixture('with-gps.jpg'), 0xe1, 'Exif\0\0');
    expect(exif).toBeDefined();
    expect(exifOrientation(fixture('with-gps.jpg'))).toBe(0);
    expect(exifOrientation(fixture('progressive.jpg'))).toBe(0);
    expect(exifOrientation(fixture('alpha.png'))).toBe(0);
  });
});
