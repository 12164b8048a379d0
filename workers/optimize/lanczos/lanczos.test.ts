import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rect, Size } from '$core/geometry/rect';
import { ssim } from '$core/image/ssim';
import { lanczosResizer, type LanczosResizer } from './lanczos';

interface Raw {
  data: Buffer;
  width: number;
  height: number;
}

const rgba = async (path: string): Promise<Raw> => {
  const { data, info } = await sharp(path).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

/** What sharp (libvips) gives for the same crop and size: the export's reference. */
async function sharpLanczos(source: Raw, crop: Rect, size: Size, kernel: 'lanczos3' | 'linear' = 'lanczos3') {
  const raw = { raw: { width: source.width, height: source.height, channels: 4 as const } };
  return sharp(source.data, raw)
    .extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height })
    .resize(size.width, size.height, { fit: 'fill', kernel })
    .raw()
    .toBuffer();
}

/** Largest difference of any colour channel, and SSIM on luma (when both sides have room for its windows). */
function compare(ours: Uint8ClampedArray, reference: Buffer, size: Size) {
  let maxError = 0;
  for (let i = 0; i < ours.length; i++) {
    if (i % 4 !== 3) maxError = Math.max(maxError, Math.abs(ours[i]! - reference[i]!));
  }
  const score =
    size.width >= 8 && size.height >= 8
      ? ssim({ data: ours, ...size, channels: 4 }, { data: reference, ...size, channels: 4 })
      : undefined;
  return { maxError, ssim: score };
}

let resizer: LanczosResizer;
let photo: Raw;
let tall: Raw;

beforeAll(async () => {
  // Current with assembly/index.ts (a no-op when the .wasm is newer).
  execFileSync('node', ['scripts/build-wasm.mjs']);
  resizer = await lanczosResizer(
    await WebAssembly.compile(readFileSync('workers/optimize/lanczos/lanczos.wasm'))
  );
  photo = await rgba('tests/fixtures/faces/sample1.jpg');
  tall = await rgba('tests/fixtures/faces/sample3-tall-offcentre.jpg');
});

async function check(source: Raw, crop: Rect, size: Size) {
  resizer.source(source).set(source.data);
  const ours = resizer.resize(crop, size);
  expect(ours, `${crop.width}×${crop.height} → ${size.width}×${size.height}`).toBeDefined();
  const reference = await sharpLanczos(source, crop, size);
  return { ours: ours!, reference, ...compare(ours!, reference, size) };
}

describe('lanczosResizer', () => {
  it("gives sharp's Lanczos3 pixels for preset-shaped crops of a photo, which a bilinear scaler does not", async () => {
    const cases: [Rect, Size][] = [
      [
        { x: 420, y: 0, width: 1280, height: 1280 },
        { width: 1080, height: 1080 }
      ],
      [
        { x: 0, y: 100, width: 1920, height: 1005 },
        { width: 1200, height: 628 }
      ],
      [
        { x: 300, y: 200, width: 720, height: 1280 - 200 },
        { width: 405, height: 608 }
      ],
      [
        { x: 0, y: 0, width: 1920, height: 1280 },
        { width: 640, height: 427 }
      ]
    ];
    for (const [crop, size] of cases) {
      const result = await check(photo, crop, size);
      expect(result.maxError, `${size.width}×${size.height}`).toBeLessThanOrEqual(1);
      expect(result.ssim).toBeGreaterThanOrEqual(0.9995);
      // The same bound fails a plain bilinear scaler: the test can tell a Lanczos3 from a cheaper filter.
      const bilinear = compare(
        new Uint8ClampedArray(await sharpLanczos(photo, crop, size, 'linear')),
        result.reference,
        size
      );
      expect(bilinear.maxError).toBeGreaterThan(1);
      expect(bilinear.ssim).toBeLessThan(0.9995);
    }
  });

  it('box-shrinks first when an axis shrinks by 4 or more, as libvips does', async () => {
    for (const [crop, size] of [
      [
        { x: 0, y: 0, width: 1920, height: 1280 },
        { width: 240, height: 160 }
      ],
      [
        { x: 5, y: 7, width: 1901, height: 1263 },
        { width: 97, height: 301 }
      ],
      [
        { x: 0, y: 0, width: 1920, height: 1280 },
        { width: 1700, height: 90 }
      ]
    ] satisfies [Rect, Size][]) {
      const result = await check(photo, crop, size);
      expect(result.maxError, `${size.width}×${size.height}`).toBeLessThanOrEqual(1);
      expect(result.ssim).toBeGreaterThanOrEqual(0.9995);
    }
  });

  it('handles odd sizes, crops at every edge, an unscaled axis and 1-pixel outputs', async () => {
    const { width, height } = tall;
    const cases: [Rect, Size][] = [
      [
        { x: width - 333, y: height - 517, width: 333, height: 517 },
        { width: 111, height: 173 }
      ],
      [
        { x: 0, y: 0, width: 331, height: 211 },
        { width: 331, height: 97 }
      ],
      [
        { x: 0, y: height - 211, width: 331, height: 211 },
        { width: 99, height: 211 }
      ],
      [
        { x: 10, y: 10, width: 300, height: 200 },
        { width: 1, height: 1 }
      ],
      [
        { x: 0, y: 0, width, height },
        { width: 1, height: 50 }
      ],
      [
        { x: 0, y: 0, width, height },
        { width: 50, height: 1 }
      ],
      [
        { x: width - 1, y: 0, width: 1, height },
        { width: 1, height: 9 }
      ]
    ];
    for (const [crop, size] of cases) {
      const result = await check(tall, crop, size);
      expect(
        result.maxError,
        `${crop.width}×${crop.height} → ${size.width}×${size.height}`
      ).toBeLessThanOrEqual(1);
      if (result.ssim !== undefined) expect(result.ssim).toBeGreaterThanOrEqual(0.9995);
      // Opaque whatever the rounding of the coefficients: a canvas would otherwise premultiply the colours.
      expect(result.ours.filter((_, i) => i % 4 === 3).every((alpha) => alpha === 255)).toBe(true);
    }
  });

  it('keeps its memory across sources of different sizes', async () => {
    const crop = { x: 100, y: 100, width: 900, height: 600 };
    const size = { width: 300, height: 200 };
    const first = (await check(photo, crop, size)).ours.slice();
    await check(tall, { x: 0, y: 0, width: 200, height: 300 }, { width: 100, height: 150 });
    const again = await check(photo, crop, size);
    expect(again.ours).toEqual(first);
  });

  it('declines enlargements and crops outside the source, for the caller to scale another way', () => {
    resizer.source(photo).set(photo.data);
    expect(
      resizer.resize({ x: 0, y: 0, width: 500, height: 500 }, { width: 600, height: 400 })
    ).toBeUndefined();
    expect(
      resizer.resize({ x: 0, y: 0, width: 500, height: 500 }, { width: 400, height: 600 })
    ).toBeUndefined();
    expect(
      resizer.resize({ x: 1500, y: 0, width: 500, height: 500 }, { width: 100, height: 100 })
    ).toBeUndefined();
    expect(
      resizer.resize({ x: 0, y: -1, width: 500, height: 500 }, { width: 100, height: 100 })
    ).toBeUndefined();
  });
});
