import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertIntact } from './integrity';

const fixture = (path: string) => new Uint8Array(readFileSync(`tests/fixtures/${path}`));

describe('assertIntact', () => {
  it.each(['faces/sample1.jpg', 'formats/progressive.jpg', 'formats/cmyk.jpg', 'formats/with-gps.jpg'])(
    'passes the intact JPEG %s',
    (path) => expect(() => assertIntact(fixture(path), 'jpeg')).not.toThrow()
  );

  it('passes an intact PNG and refuses one cut before IEND', () => {
    const png = fixture('formats/alpha.png');
    expect(() => assertIntact(png, 'png')).not.toThrow();
    expect(() => assertIntact(png.subarray(0, png.length - 100), 'png')).toThrow(/truncated/);
  });

  it('names a truncated JPEG as cut short and a damaged one as damaged', () => {
    expect(() => assertIntact(fixture('bad/truncated.jpg'), 'jpeg')).toThrow(/cut short/);
    expect(() => assertIntact(fixture('bad/corrupt.jpg'), 'jpeg')).toThrow(/damaged/);
  });
});
