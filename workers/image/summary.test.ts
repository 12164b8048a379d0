import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readHeaderSize } from '$core/image/header';
import { sniffFormat } from '$core/image/format';
import { useNodeMagickWasm } from './node-magick';
import { summarise } from './summary';

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(`tests/fixtures/${path}`));

beforeAll(() => useNodeMagickWasm());

describe('summarise (real magick-wasm under Node)', () => {
  it('makes a 320 px WebP thumbnail and reads the camera and date from EXIF', async () => {
    const summary = await summarise(fixture('faces/sample1.jpg'));
    expect(summary).toMatchObject({ format: 'jpeg', width: 1920, height: 1280 });
    expect(summary.exif).toEqual({ camera: 'SONY ILCE-7M2', takenAt: '2017-10-31T20:16:18' });
    expect(sniffFormat(summary.thumbnail.bytes)).toEqual({ kind: 'raster', format: 'webp' });
    expect(readHeaderSize(summary.thumbnail.bytes)).toEqual({ width: 320, height: 213 });
    expect(summary.thumbnail).toMatchObject({ width: 320, height: 213 });
    expect(summary.colours.length).toBeGreaterThan(0);
  });

  it('thumbnails a photo stored sideways (EXIF orientation 6) upright', async () => {
    const bytes = fixture('faces/sample5-exif-orientation-6.jpg');
    const stored = readHeaderSize(bytes);
    const summary = await summarise(bytes);
    expect(stored && stored.height > stored.width).toBe(true);
    expect(summary).toMatchObject({ width: 1920, height: 1398 });
    expect(summary.thumbnail).toMatchObject({ width: 320, height: 233 });
  });

  it('never upscales a small image', async () => {
    const summary = await summarise(fixture('formats/photo.webp'));
    expect(Math.max(summary.thumbnail.width, summary.thumbnail.height)).toBeLessThanOrEqual(
      Math.max(summary.width, summary.height)
    );
  });
});

describe('embedded prompt', () => {
  it('reads the text a generator wrote into EXIF ImageDescription', async () => {
    const { default: sharp } = await import('sharp');
    const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } })
      .withExif({ IFD0: { ImageDescription: 'a lighthouse at dawn, watercolour' } })
      .png()
      .toBuffer();
    const summary = await summarise(new Uint8Array(bytes));
    expect(summary.exif.description).toBe('a lighthouse at dawn, watercolour');
    expect(summary.colours).toEqual(['blue']);
  });
});
