import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { badInputs, errorCodeOf } from '../../tests/support/bad-inputs';
import { sniffFormat } from '$core/image/format';
import { readHeaderSize } from '$core/image/header';
import { probe, resize } from './image-ops';
import { useNodeMagickWasm } from './node-magick';

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(`tests/fixtures/${path}`));

beforeAll(() => useNodeMagickWasm());

describe('probe (real magick-wasm under Node)', () => {
  it('reports format, size, alpha and byte length of a PNG', async () => {
    const bytes = fixture('formats/alpha.png');
    expect(await probe(bytes)).toEqual({
      format: 'png',
      width: 960,
      height: 640,
      orientation: 0,
      hasAlpha: true,
      byteLength: bytes.byteLength
    });
  });

  it('reports the displayed size of a photo stored rotated with EXIF orientation 6', async () => {
    const result = await probe(fixture('faces/sample5-exif-orientation-6.jpg'));
    expect(result).toMatchObject({ width: 1920, height: 1398, orientation: 6 });
  });

  it.each(['photo.heic', 'photo.avif', 'photo.tiff', 'photo.webp'])('reads %s', async (name) => {
    expect(await probe(fixture(`formats/${name}`))).toMatchObject({ width: 960, height: 640 });
  });
});

describe('resize (real magick-wasm under Node)', () => {
  it('resizes a JPEG to 200×200; the size is read back from the output bytes', async () => {
    const result = await resize(fixture('faces/sample1.jpg'), { width: 200, height: 200, format: 'jpeg' });
    expect(sniffFormat(result.bytes)).toEqual({ kind: 'raster', format: 'jpeg' });
    expect(readHeaderSize(result.bytes)).toEqual({ width: 200, height: 200 });
    expect((await probe(result.bytes)).width).toBe(200);
  });

  it('writes upright pixels and no orientation tag for a photo stored rotated (EXIF 6)', async () => {
    const result = await resize(fixture('faces/sample5-exif-orientation-6.jpg'), {
      width: 480,
      height: 480,
      fit: 'inside',
      format: 'png'
    });
    expect(readHeaderSize(result.bytes)).toEqual({ width: 480, height: 350 });
    expect((await probe(result.bytes)).orientation).toBe(0);
  });

  it('letterboxes with contain and keeps the exact box', async () => {
    const result = await resize(fixture('formats/alpha.png'), {
      width: 300,
      height: 300,
      fit: 'contain',
      format: 'png'
    });
    expect(readHeaderSize(result.bytes)).toEqual({ width: 300, height: 300 });
    expect((await probe(result.bytes)).hasAlpha).toBe(true);
  });

  it.each(['webp', 'avif', 'png'] as const)('encodes %s', async (format) => {
    const result = await resize(fixture('formats/progressive.jpg'), { width: 160, height: 90, format });
    expect(sniffFormat(result.bytes)).toEqual({ kind: 'raster', format });
    expect(await probe(result.bytes)).toMatchObject({ width: 160, height: 90 });
  });

  it('drops the GPS position and camera make from the output', async () => {
    const result = await resize(fixture('formats/with-gps.jpg'), { width: 320, height: 213, format: 'jpeg' });
    const text = new TextDecoder('latin1').decode(result.bytes);
    expect(text).not.toContain('TestCam');
    expect(text).not.toContain('GPS');
  });
});

describe('bad input gets a specific error', () => {
  it.each(badInputs)('%s → %s', async (path, code) => {
    expect(await errorCodeOf(resize(fixture(path), { width: 100, height: 100 }))).toBe(code);
  });

  it('refuses options out of range before decoding', async () => {
    expect(await errorCodeOf(resize(fixture('formats/photo.webp'), { width: 0, height: 100 }))).toBe(
      'invalid_options'
    );
  });
});
