import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffFormat } from '$core/image/format';
import { ssim } from '$core/image/ssim';
import { isPlainSrgbJpeg } from '$core/image/jpeg-segments';
import { OptimizeResultSchema, type OutputRequestInput } from '$core/optimize/schema';
import { presetById } from '$core/platforms/select';
import { badInputs } from '../../tests/support/bad-inputs';
import { openOptimizePage, type OptimizePage } from '../../tests/support/chromium';
import type { OptimizePageApi } from '../../tests/support/optimize-page/main';
import { jpegEncoder } from './jpeg/jpeg';

/** The optimize worker in real Chromium: the browser's codecs, magick-wasm for the rest. */
const formats = [
  'photo.webp',
  'photo.avif',
  'photo.heic',
  'photo.tiff',
  'cmyk.jpg',
  'adobe-rgb.jpg',
  'grayscale.jpg',
  'progressive.jpg',
  'alpha.png'
];
const xPost = presetById('x-post')!;
const small = { ...xPost, width: 400, height: 225 };

/** The JPEG without its ICC segment (sharp embeds sRGB along with an orientation): a plain JPEG again. */
function withoutIcc(jpeg: Buffer): Buffer {
  let offset = 2;
  while (offset + 4 < jpeg.length && jpeg[offset] === 0xff) {
    const length = jpeg.readUInt16BE(offset + 2);
    if (jpeg[offset + 1] === 0xe2 && jpeg.toString('latin1', offset + 4, offset + 15) === 'ICC_PROFILE') {
      return Buffer.concat([jpeg.subarray(0, offset), jpeg.subarray(offset + 2 + length)]);
    }
    offset += 2 + length;
  }
  return jpeg;
}

describe('optimize worker in Chromium', () => {
  let dir: string;
  let chromium: OptimizePage;
  const attempt = (url: string, requests: OutputRequestInput[]) =>
    chromium.page.evaluate(
      ([url, requests]) =>
        (globalThis as unknown as { optimizePage: OptimizePageApi }).optimizePage.attempt(url, requests),
      [url, requests] as const
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'browser-codec-'));
    const files: Record<string, string> = {};
    for (const name of [...formats, 'with-gps.jpg']) files[`/${name}`] = `tests/fixtures/formats/${name}`;
    for (const [path] of badInputs) files[`/${path}`] = `tests/fixtures/${path}`;
    // Stored 960×640, shown 640×960: a plain JPEG whose EXIF orientation the decoder must apply.
    files['/rotated.jpg'] = join(dir, 'rotated.jpg');
    const rotated = withoutIcc(
      await sharp('tests/fixtures/formats/with-gps.jpg')
        .withMetadata({ orientation: 6 })
        .jpeg({ quality: 95 })
        .toBuffer()
    );
    expect(isPlainSrgbJpeg(rotated)).toBe(true);
    await writeFile(files['/rotated.jpg'], rotated);
    chromium = await openOptimizePage(join(dir, 'page'), files);
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(formats)('decodes %s and writes the exact size', async (name) => {
    const outcome = await attempt(`/${name}`, [{ preset: small }]);
    expect(outcome.error).toBeUndefined();
    const [output] = outcome.outputs ?? [];
    expect(OptimizeResultSchema.parse(output?.result)).toMatchObject({
      width: 400,
      height: 225,
      format: 'jpeg'
    });
    const meta = await sharp(Buffer.from(output!.bytes, 'base64')).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 400, height: 225 });
  });

  it('writes WebP and PNG itself and AVIF through magick-wasm, without GPS', async () => {
    const outcome = await attempt(
      '/with-gps.jpg',
      (['webp', 'png', 'avif', 'jpeg'] as const).map((format) => ({ preset: small, format }))
    );
    const outputs = outcome.outputs ?? [];
    expect(outputs.map((output) => sniffFormat(Buffer.from(output.bytes, 'base64')))).toEqual(
      ['webp', 'png', 'avif', 'jpeg'].map((format) => ({ kind: 'raster', format }))
    );
    for (const output of outputs) {
      const meta = await sharp(Buffer.from(output.bytes, 'base64')).metadata();
      expect(meta.exif).toBeUndefined();
    }
    // AVIF is encoded from pixels read back from the browser's canvas: they must be the picture's.
    const [avif, jpeg] = await Promise.all(
      outputs
        .slice(2)
        .map(async (output) => (await sharp(Buffer.from(output.bytes, 'base64')).stats()).channels)
    );
    for (const [index, channel] of avif!.slice(0, 3).entries()) {
      expect(Math.abs(channel.mean - jpeg![index]!.mean)).toBeLessThan(3);
    }
  });

  it('keeps colours: an Adobe RGB photo comes out as sRGB close to sharp’s conversion', async () => {
    const outcome = await attempt('/adobe-rgb.jpg', [{ preset: small, format: 'png' }]);
    const ours = await sharp(Buffer.from(outcome.outputs![0]!.bytes, 'base64')).stats();
    // sharp applies the ICC transform on output (stats() alone would read the unconverted values).
    const converted = await sharp('tests/fixtures/formats/adobe-rgb.jpg')
      .resize(400, 225, { fit: 'cover' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const reference = await sharp(converted.data, { raw: converted.info }).stats();
    const unconverted = await sharp('tests/fixtures/formats/adobe-rgb.jpg')
      .resize(400, 225, { fit: 'cover' })
      .stats();
    expect(Math.abs(ours.channels[2]!.mean - unconverted.channels[2]!.mean)).toBeGreaterThan(3);
    for (const [index, channel] of ours.channels.slice(0, 3).entries()) {
      expect(Math.abs(channel.mean - reference.channels[index]!.mean)).toBeLessThan(1.5);
    }
  });

  it.each([
    ['with-gps.jpg', 1],
    ['with-gps.jpg', 2],
    ['rotated.jpg', 1],
    ['rotated.jpg', 2]
  ] as const)(
    'a plain JPEG comes out upright and in sharp’s colours: %s, %i worker(s)',
    async (name, workers) => {
      const preset = { ...small, width: 300, height: 200 };
      const crop = { x: 0, y: 100, width: 600, height: 400 };
      const requests = [preset, xPost].map((shown) => ({ preset: shown, crop, format: 'png' as const }));
      const { outputs } = await chromium.page.evaluate(
        ([url, requests, workers]) =>
          (globalThis as unknown as { optimizePage: OptimizePageApi }).optimizePage.optimize(
            url,
            requests,
            workers,
            0
          ),
        [`/${name}`, requests, workers] as const
      );
      const [ours, reference] = await Promise.all([
        sharp(Buffer.from(outputs[0]!, 'base64')).removeAlpha().raw().toBuffer(),
        sharp(name === 'rotated.jpg' ? join(dir, name) : `tests/fixtures/formats/${name}`)
          .rotate()
          .extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height })
          .resize(preset.width, preset.height, { kernel: 'lanczos3' })
          .raw()
          .toBuffer()
      ]);
      expect(ours.length).toBe(reference.length);
      let difference = 0;
      for (let i = 0; i < ours.length; i++) difference += Math.abs(ours[i]! - reference[i]!);
      // Sideways, the same crop holds other parts of the photo: tens of levels apart.
      expect(difference / ours.length).toBeLessThan(4);
    }
  );

  it.each([1, 2])(
    "scales an upright plain JPEG as sharp's Lanczos3 (%i worker(s)), which Chromium's own filters do not",
    async (workers) => {
      const crops = [
        [
          { x: 0, y: 0, width: 960, height: 640 },
          { width: 300, height: 200 }
        ],
        [
          { x: 137, y: 41, width: 611, height: 597 },
          { width: 409, height: 263 }
        ],
        [
          { x: 0, y: 0, width: 960, height: 640 },
          { width: 101, height: 67 }
        ]
      ] as const;
      const requests = crops.map(([crop, size]) => ({
        preset: { ...small, ...size },
        crop,
        format: 'png' as const
      }));
      const { outputs } = await chromium.page.evaluate(
        ([requests, workers]) =>
          (globalThis as unknown as { optimizePage: OptimizePageApi }).optimizePage.optimize(
            '/with-gps.jpg',
            requests,
            workers,
            0
          ),
        [requests, workers] as const
      );
      for (const [index, [crop, size]] of crops.entries()) {
        const [ours, reference] = await Promise.all(
          [
            sharp(Buffer.from(outputs[index]!, 'base64')),
            sharp('tests/fixtures/formats/with-gps.jpg')
              .extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height })
              .resize(size.width, size.height, { kernel: 'lanczos3', fit: 'fill' })
          ].map((image) => image.removeAlpha().raw().toBuffer())
        );
        // The pixels differ only by the decoders' YUV to RGB rounding; createImageBitmap's 'high' filter
        // scores 0.994 here.
        expect(
          ssim({ data: ours!, ...size, channels: 3 }, { data: reference!, ...size, channels: 3 })
        ).toBeGreaterThan(0.9995);
      }
    }
  );

  it("writes an upright plain JPEG's outputs with the WASM encoder: the PNG's pixels, encoded under Node, byte for byte", async () => {
    const encoder = await jpegEncoder(
      await WebAssembly.compile(await readFile('workers/optimize/jpeg/jpeg.wasm'))
    );
    const crop = { x: 137, y: 41, width: 611, height: 597 };
    const sizes = [
      { width: 409, height: 263 },
      { width: 300, height: 300 }
    ];
    const requests = sizes.flatMap((size) =>
      (['png', 'jpeg'] as const).map((format) => ({
        preset: { ...small, ...size },
        crop,
        format,
        quality: 77
      }))
    );
    const { outputs } = await chromium.page.evaluate(
      (requests) =>
        (globalThis as unknown as { optimizePage: OptimizePageApi }).optimizePage.optimize(
          '/with-gps.jpg',
          requests,
          2,
          0
        ),
      requests
    );
    for (const [index, size] of sizes.entries()) {
      const png = Buffer.from(outputs[index * 2]!, 'base64');
      const jpeg = Buffer.from(outputs[index * 2 + 1]!, 'base64');
      const pixels = await sharp(png).ensureAlpha().raw().toBuffer();
      expect(Buffer.from(encoder.encode(pixels, size, 77)).equals(jpeg), `${size.width}×${size.height}`).toBe(
        true
      );
    }
  });

  it('draws an enlargement from the source after the resizer has scaled others (its memory grown meanwhile)', async () => {
    // The resizer takes the downscales; the enlargement needs the source canvas, filled only then, from the
    // resizer's memory, which the downscales before it have grown (a stale view of it would be empty).
    const enlarge = { crop: { x: 400, y: 200, width: 120, height: 80 }, size: { width: 360, height: 240 } };
    const crops = [
      { crop: { x: 0, y: 0, width: 960, height: 640 }, size: { width: 900, height: 600 } },
      { crop: { x: 10, y: 10, width: 900, height: 600 }, size: { width: 450, height: 300 } },
      enlarge
    ];
    const requests = crops.map(({ crop, size }) => ({
      preset: { ...small, ...size },
      crop,
      format: 'png' as const
    }));
    const { outputs } = await chromium.page.evaluate(
      ([requests]) =>
        (globalThis as unknown as { optimizePage: OptimizePageApi }).optimizePage.optimize(
          '/with-gps.jpg',
          requests,
          1,
          0
        ),
      [requests] as const
    );
    const { crop, size } = enlarge;
    const [ours, reference] = await Promise.all(
      [
        sharp(Buffer.from(outputs[2]!, 'base64')),
        sharp('tests/fixtures/formats/with-gps.jpg')
          .extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height })
          .resize(size.width, size.height, { kernel: 'lanczos3', fit: 'fill' })
      ].map((image) => image.removeAlpha().raw().toBuffer())
    );
    expect(ours!.length).toBe(reference!.length);
    expect(
      ssim({ data: ours!, ...size, channels: 3 }, { data: reference!, ...size, channels: 3 })
    ).toBeGreaterThan(0.97);
  });

  it('scales transparency without dark fringes: edge pixels keep the colour sharp gives them', async () => {
    const outcome = await attempt('/alpha.png', [{ preset: small, format: 'png' }]);
    const crop = outcome.outputs![0]!.result.crop;
    const ours = await sharp(Buffer.from(outcome.outputs![0]!.bytes, 'base64'))
      .ensureAlpha()
      .raw()
      .toBuffer();
    const reference = await sharp('tests/fixtures/formats/alpha.png')
      .extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height })
      .resize(400, 225, { fit: 'fill', kernel: 'lanczos3' })
      .ensureAlpha()
      .raw()
      .toBuffer();
    let edge = 0;
    let difference = 0;
    for (let i = 0; i < ours.length; i += 4) {
      const alpha = reference[i + 3]!;
      if (alpha < 40 || alpha > 215) continue;
      edge += 1;
      for (let c = 0; c < 3; c++) difference += ours[i + c]! - reference[i + c]!;
    }
    expect(edge).toBeGreaterThan(100);
    // A premultiplication bug pulls edge colours towards the black of the transparent pixels.
    expect(difference / (edge * 3)).toBeGreaterThan(-12);
  });

  it.each(['with-gps.jpg', 'photo.heic'])(
    'splits %s over two workers and returns every output in request order',
    async (name) => {
      const presets = ['instagram-square', 'x-post', 'facebook-cover'].map((id) => presetById(id)!);
      const { outputs } = await chromium.page.evaluate(
        ([url, requests]) =>
          (globalThis as unknown as { optimizePage: OptimizePageApi }).optimizePage.optimize(
            url,
            requests,
            2,
            0
          ),
        [`/${name}`, presets.map((preset) => ({ preset }))] as const
      );
      const sizes = await Promise.all(
        outputs.map(async (bytes) => {
          const meta = await sharp(Buffer.from(bytes, 'base64')).metadata();
          return [meta.width, meta.height];
        })
      );
      expect(sizes).toEqual(presets.map((preset) => [preset.width, preset.height]));
    }
  );

  it.each([
    ['with-gps.jpg', 'jpeg'],
    ['adobe-rgb.jpg', 'png'],
    ['alpha.png', 'png'],
    ['with-gps.jpg', 'avif']
  ] as const)(
    'across two workers (one decode, shared as video frames) %s as %s comes out as one worker writes it',
    async (name, format) => {
      // AVIF goes through magick-wasm (seconds per large output): two small ones are enough to split.
      const presets = format === 'avif' ? [small, small] : [small, xPost, presetById('instagram-square')!];
      const requests = presets.map((preset) => ({ preset, format }));
      const [across, alone] = await Promise.all([
        chromium.page.evaluate(
          ([url, requests]) =>
            (globalThis as unknown as { optimizePage: OptimizePageApi }).optimizePage.optimize(
              url,
              requests,
              2,
              0
            ),
          [`/${name}`, requests] as const
        ),
        attempt(`/${name}`, requests)
      ]);
      expect(across.outputs).toHaveLength(requests.length);
      for (const [index, bytes] of across.outputs.entries()) {
        const [ours, reference] = await Promise.all(
          [bytes, alone.outputs![index]!.bytes].map((base64) =>
            sharp(Buffer.from(base64, 'base64')).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
          )
        );
        expect(ours!.info).toMatchObject({
          width: requests[index]!.preset.width,
          height: requests[index]!.preset.height
        });
        let difference = 0;
        for (let i = 0; i < ours!.data.length; i++)
          difference += Math.abs(ours!.data[i]! - reference!.data[i]!);
        // Colour conversion, flattening and alpha happen before the hand-over: the pixels must not change.
        expect(difference / ours!.data.length).toBeLessThan(0.5);
      }
    }
  );

  it('makes the same file once in a split export and gives each request its own copy', async () => {
    const resolved = {
      crop: { x: 0, y: 0, width: 960, height: 540 },
      placement: { x: 0, y: 0, width: 400, height: 225 },
      fit: 'cover' as const,
      strategy: 'user' as const,
      warnings: []
    };
    const outputs = await chromium.page.evaluate(
      (requests) =>
        (globalThis as unknown as { optimizePage: OptimizePageApi }).optimizePage
          .optimize('/with-gps.jpg', requests, 2, 0)
          .then(({ outputs }) => outputs),
      [
        { preset: small, resolved, quality: 80 },
        { preset: { ...small, id: 'small-twin' }, resolved, quality: 80 },
        { preset: small, resolved, quality: 40 }
      ]
    );
    expect(outputs).toHaveLength(3);
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).not.toBe(outputs[0]);
  });

  it('a crop outside the image fails the whole split export with its own error, without hanging', async () => {
    const error = await chromium.page.evaluate(
      (requests) =>
        (globalThis as unknown as { optimizePage: OptimizePageApi }).optimizePage
          .optimize('/with-gps.jpg', requests, 2, 0)
          .then(
            () => 'resolved',
            (caught: Error) => caught.message
          ),
      [
        { preset: small },
        { preset: xPost, crop: { x: 0, y: 0, width: 9_000, height: 5_000 } },
        { preset: small }
      ]
    );
    expect(error).toMatch(/lies outside/);
  });

  it.each(badInputs)('%s → %s', async (path, code) => {
    expect((await attempt(`/${path}`, [{ preset: small }])).error?.code).toBe(code);
  });
});
