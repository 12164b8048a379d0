import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHeaderSize } from './header';

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(`tests/fixtures/${path}`));

describe('readHeaderSize', () => {
  it.each([
    ['formats/progressive.jpg', 960, 640],
    ['formats/cmyk.jpg', 960, 640],
    ['formats/alpha.png', 960, 640],
    ['formats/photo.webp', 960, 640],
    ['formats/animated.gif', 320, 213],
    ['faces/sample5-exif-orientation-6.jpg', 1398, 1920],
    ['bad/bomb-900mp.png', 30_000, 30_000],
    ['bad/huge-header-no-data.png', 100_000, 100_000]
  ])('reads %s as %i×%i without decoding', (path, width, height) => {
    expect(readHeaderSize(fixture(path))).toEqual({ width, height });
  });

  it('gives up on formats whose size needs a decoder', () => {
    expect(readHeaderSize(fixture('formats/photo.heic'))).toBeUndefined();
  });

  it('gives up on a JPEG cut before its frame header', () => {
    expect(readHeaderSize(fixture('formats/progressive.jpg').subarray(0, 20))).toBeUndefined();
  });
});
