import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { badInputs, errorCodeOf } from '../../tests/support/bad-inputs';
import { centreCrop } from '$core/crop/choose';
import { sniffFormat } from '$core/image/format';
import { readHeaderSize } from '$core/image/header';
import { OptimizeResultSchema, type OutputRequestInput } from '$core/optimize/schema';
import { presetById } from '$core/platforms/select';
import type { PlatformPreset } from '$core/platforms/schema';
import { nodeOptimizer } from './node-optimizer';
import { sharpCodec } from './sharp-codec';

const fixture = (path: string) => new Uint8Array(readFileSync(`tests/fixtures/${path}`));
const preset = (id: string): PlatformPreset => {
  const found = presetById(id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
};
const small = (id: string, extra: Partial<OutputRequestInput> = {}): OutputRequestInput => ({
  preset: {
    ...preset(id),
    width: Math.round(preset(id).width / 4),
    height: Math.round(preset(id).height / 4)
  },
  ...extra
});

describe('optimize under Node (sharp, magick-wasm for HEIC)', () => {
  it.each([
    'photo.webp',
    'photo.avif',
    'photo.heic',
    'photo.tiff',
    'progressive.jpg',
    'grayscale.jpg',
    'cmyk.jpg',
    'adobe-rgb.jpg',
    '16bit.png',
    'alpha.png',
    'animated.gif',
    'with-gps.jpg'
  ])('decodes %s and writes the exact preset size', async (name) => {
    const [output] = await nodeOptimizer().optimize(fixture(`formats/${name}`), [small('x-post')], {
      name,
      detect: false
    });
    if (!output) throw new Error('no output');
    expect(OptimizeResultSchema.parse(output.result)).toMatchObject({
      source: name,
      width: 400,
      height: 225
    });
    expect(readHeaderSize(output.bytes)).toEqual({ width: 400, height: 225 });
    // The header parser does not read AVIF, HEIC or TIFF; the README gives those photos as 960×640.
    const source = readHeaderSize(fixture(`formats/${name}`)) ?? { width: 960, height: 640 };
    expect(output.result.crop).toEqual(centreCrop(source, preset('x-post')));
  });

  it('writes every requested format from one decode', async () => {
    const formats = ['jpeg', 'png', 'webp', 'avif'] as const;
    const outputs = await nodeOptimizer().optimize(
      fixture('formats/alpha.png'),
      formats.map((format) => small('instagram-square', { format })),
      { detect: false }
    );
    expect(outputs.map((output) => sniffFormat(output.bytes))).toEqual(
      formats.map((format) => ({ kind: 'raster', format }))
    );
  });

  it('drops GPS and camera make from every output', async () => {
    const [output] = await nodeOptimizer().optimize(fixture('formats/with-gps.jpg'), [small('x-post')], {
      detect: false
    });
    const metadata = await sharp(output!.bytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(new TextDecoder('latin1').decode(output!.bytes)).not.toContain('TestCam');
  });

  it('searches the highest quality under a byte budget and reports it', async () => {
    const [free, budgeted] = await nodeOptimizer().optimize(
      fixture('faces/sample1.jpg'),
      [
        { preset: preset('x-post'), quality: 90 },
        { preset: preset('x-post'), maxBytes: 60_000 }
      ],
      { detect: false }
    );
    expect(free!.result.bytes).toBeGreaterThan(60_000);
    expect(budgeted!.result.bytes).toBeLessThanOrEqual(60_000);
    expect(budgeted!.result.quality).toBeLessThan(82);
    expect(budgeted!.result.warnings).toEqual([]);
  });

  it('uses a crop the user set and warns when it was enlarged', async () => {
    const crop = { x: 10, y: 20, width: 320, height: 180 };
    const [output] = await nodeOptimizer().optimize(fixture('formats/photo.webp'), [
      { preset: preset('x-post'), crop }
    ]);
    expect(output!.result).toMatchObject({ crop, cropStrategy: 'user', width: 1600, height: 900 });
    expect(output!.result.warnings.map((warning) => warning.code)).toContain('upscaled');
  });

  it('splits one source between callers that take from a common queue, each request rendered once', async () => {
    const bytes = fixture('faces/sample1.jpg');
    const requests = ['x-post', 'instagram-square', 'youtube-thumbnail', 'pinterest-pin'].map((id) =>
      small(id)
    );
    const queue = [3, 1, 0, 2];
    const taken: number[][] = [[], []];
    // Asynchronous, as from a worker asking the page: the callers interleave. The first answer waits until both
    // have asked, as each decodes first and the faster one would otherwise take the whole queue alone.
    const asked = new Set<number>();
    const waiting: (() => void)[] = [];
    const take = (caller: number) => async () => {
      asked.add(caller);
      if (asked.size < 2) await new Promise<void>((resolve) => waiting.push(resolve));
      else for (const resolve of waiting.splice(0)) resolve();
      await new Promise((resolve) => setTimeout(resolve, 1));
      const index = queue.shift();
      if (index !== undefined) taken[caller]!.push(index);
      return index;
    };
    const optimizer = nodeOptimizer();
    const parts = await Promise.all(
      [0, 1].map((caller) =>
        optimizer.optimizeTaken(bytes, requests, { detect: false }, undefined, take(caller))
      )
    );
    expect(taken.every((indices) => indices.length > 0)).toBe(true);
    expect([...taken[0]!, ...taken[1]!].sort()).toEqual([0, 1, 2, 3]);
    const alone = await optimizer.optimize(bytes, requests, { detect: false });
    requests.forEach((_, index) => {
      const caller = taken[0]!.includes(index) ? 0 : 1;
      expect(parts[1 - caller]![index]).toBeUndefined();
      expect(parts[caller]![index]!.result).toEqual(alone[index]!.result);
    });
  });

  it('keeps libvips to one thread while any optimization encodes aside, and restores its count after the last', () => {
    const before = sharp.concurrency();
    // libvips's default is one thread per core; set it so the test means the same on one core.
    const threads = sharp.concurrency(3);
    const first = sharpCodec.encodeAside!();
    const second = sharpCodec.encodeAside!();
    expect(sharp.concurrency()).toBe(1);
    first();
    first();
    // The second still runs its detection: the first ending (twice) must not give the threads back.
    expect(sharp.concurrency()).toBe(1);
    second();
    expect(sharp.concurrency()).toBe(threads);
    sharp.concurrency(before);
  });

  it('refuses a crop outside the image', async () => {
    const run = nodeOptimizer().optimize(fixture('formats/photo.webp'), [
      { preset: preset('x-post'), crop: { x: 900, y: 0, width: 320, height: 180 } }
    ]);
    expect(await errorCodeOf(run)).toBe('invalid_options');
  });
});

describe('bad input gets a specific error', () => {
  it.each(badInputs)('%s → %s', async (path, code) => {
    expect(await errorCodeOf(nodeOptimizer().optimize(fixture(path), [small('x-post')]))).toBe(code);
  });
});

describe('keepMetadata', () => {
  it('keeps the copyright notice and author but never the GPS position or camera', async () => {
    const source = await sharp('tests/fixtures/formats/with-gps.jpg')
      .withExifMerge({ IFD0: { Copyright: 'Copyright Jane Doe', Artist: 'Jane' } })
      .jpeg()
      .toBuffer();
    expect(new TextDecoder('latin1').decode(source)).toContain('TestCam');
    const [kept, webp] = await nodeOptimizer().optimize(
      new Uint8Array(source),
      [small('x-post', { keepMetadata: true }), small('x-post', { keepMetadata: true, format: 'webp' })],
      { detect: false }
    );
    const text = new TextDecoder('latin1').decode(kept!.bytes);
    expect(text).toContain('Copyright Jane Doe');
    expect(text).toContain('Jane');
    expect(text).not.toContain('TestCam');
    expect(text).not.toContain('GPS');
    expect(kept!.result.bytes).toBe(kept!.bytes.byteLength);
    expect(webp!.result.warnings.map((warning) => warning.code)).toContain('metadata_not_kept');
  });
});
