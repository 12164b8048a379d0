import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Size } from '$core/geometry/rect';
import { ssim } from '$core/image/ssim';
import { jpegEncoder, type JpegEncoder } from './jpeg';

interface Raw {
  data: Uint8Array;
  size: Size;
}

async function photo(path: string, width: number, height: number): Promise<Raw> {
  const { data, info } = await sharp(path)
    .resize(width, height, { fit: 'cover', kernel: 'lanczos3' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, size: { width: info.width, height: info.height } };
}

const decoded = async (jpeg: Uint8Array) => {
  const { data, info } = await sharp(jpeg).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, info };
};

/** SSIM on luma against the pixels encoded, for ours and for sharp's JPEG (libjpeg) of the same quality. */
async function againstSharp({ data, size }: Raw, quality: number) {
  const ours = encoder.encode(data, size, quality);
  const reference = await sharp(data, { raw: { ...size, channels: 4 } })
    .jpeg({ quality })
    .toBuffer();
  const original = { data, ...size, channels: 4 as const };
  const score = async (jpeg: Uint8Array) =>
    ssim({ data: (await decoded(jpeg)).data, ...size, channels: 4 }, original);
  return { ours, reference, oursSsim: await score(ours), referenceSsim: await score(reference) };
}

let encoder: JpegEncoder;

beforeAll(async () => {
  // Current with assembly/index.ts (a no-op when the .wasm is newer).
  execFileSync('node', ['scripts/build-wasm.mjs']);
  encoder = await jpegEncoder(await WebAssembly.compile(readFileSync('workers/optimize/jpeg/jpeg.wasm')));
});

describe('jpegEncoder', () => {
  it("writes what libjpeg writes at the same quality: sharp's SSIM within 0.001 and its size within 3%", async () => {
    const cases: [string, number, number, number][] = [
      ['tests/fixtures/faces/sample1.jpg', 1080, 1080, 82],
      ['tests/fixtures/faces/sample1.jpg', 1500, 500, 95],
      ['tests/fixtures/faces/sample3-tall-offcentre.jpg', 1000, 1500, 82],
      ['tests/fixtures/faces/sample3-tall-offcentre.jpg', 640, 360, 40]
    ];
    for (const [path, width, height, quality] of cases) {
      const result = await againstSharp(await photo(path, width, height), quality);
      const label = `${path} ${width}×${height} q${quality}`;
      expect(result.ours[0], label).toBe(0xff);
      expect(result.oursSsim, label).toBeGreaterThan(result.referenceSsim - 0.001);
      expect(result.ours.length / result.reference.length, label).toBeGreaterThan(0.97);
      expect(result.ours.length / result.reference.length, label).toBeLessThan(1.03);
    }
  });

  it('follows quality: smaller files and lower SSIM as it falls, from 100 to 1', async () => {
    const source = await photo('tests/fixtures/faces/sample1.jpg', 800, 600);
    const runs = [];
    for (const quality of [100, 90, 60, 20, 1]) runs.push(await againstSharp(source, quality));
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]!.ours.length).toBeLessThan(runs[i - 1]!.ours.length);
      expect(runs[i]!.oursSsim).toBeLessThan(runs[i - 1]!.oursSsim);
    }
    expect(runs[0]!.oursSsim).toBeGreaterThan(0.995);
  });

  it('encodes sizes that fill no whole block, 1×1 to 4097×3, with the right size and colour', async () => {
    for (const [width, height] of [
      [1, 1],
      [17, 9],
      [15, 33],
      [4097, 3]
    ] as const) {
      const data = new Uint8Array(width * height * 4);
      for (let i = 0; i < data.length; i += 4) data.set([200, 40, 90, 255], i);
      const { data: back, info } = await decoded(encoder.encode(data, { width, height }, 90));
      expect([info.width, info.height]).toEqual([width, height]);
      for (let i = 0; i < back.length; i += 4) {
        expect(
          Math.abs(back[i]! - 200) + Math.abs(back[i + 1]! - 40) + Math.abs(back[i + 2]! - 90)
        ).toBeLessThan(9);
      }
    }
  });

  it('stuffs 0xFF bytes and codes the longest symbols: grey noise at quality 100, as close as libjpeg gets', async () => {
    const size = { width: 256, height: 256 };
    const data = new Uint8Array(size.width * size.height * 4);
    let seed = 7;
    for (let i = 0; i < data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      data.fill(seed >>> 24, i, i + 3);
      data[i + 3] = 255;
    }
    const jpeg = encoder.encode(data, size, 100);
    const scan = jpeg.findIndex((value, i) => value === 0xff && jpeg[i + 1] === 0xda);
    const entropy = jpeg.subarray(scan + 2 + 12, jpeg.length - 2);
    expect(entropy.some((value, i) => value === 0xff && entropy[i + 1] === 0)).toBe(true);
    const reference = await sharp(data, { raw: { ...size, channels: 4 } })
      .jpeg({ quality: 100 })
      .toBuffer();
    const meanError = async (file: Uint8Array) => {
      const { data: back } = await decoded(file);
      let error = 0;
      for (let i = 0; i < back.length; i++) if (i % 4 !== 3) error += Math.abs(back[i]! - data[i]!);
      return error / (size.width * size.height * 3);
    };
    const ours = await meanError(jpeg);
    expect(ours).toBeLessThan(2);
    expect(ours).toBeLessThan((await meanError(reference)) * 1.05);
  });

  it('gives the same file whatever it encoded before (its memory is kept and reused)', async () => {
    const large = await photo('tests/fixtures/faces/sample1.jpg', 1600, 1200);
    const small = await photo('tests/fixtures/faces/sample1.jpg', 300, 200);
    const first = encoder.encode(small.data, small.size, 82);
    encoder.encode(large.data, large.size, 50);
    const fresh = await jpegEncoder(
      await WebAssembly.compile(readFileSync('workers/optimize/jpeg/jpeg.wasm'))
    );
    expect(encoder.encode(small.data, small.size, 82)).toEqual(first);
    expect(fresh.encode(small.data, small.size, 82)).toEqual(first);
  });

  it('refuses pixels shorter than the size says', () => {
    expect(() => encoder.encode(new Uint8Array(10), { width: 4, height: 4 }, 82)).toThrow(/64 bytes, got 10/);
    expect(() => encoder.encode(new Uint8Array(10), { width: 0, height: 4 }, 82)).toThrow(RangeError);
  });
});
