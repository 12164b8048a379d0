import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { presetById } from '$core/platforms/select';
import { nodeOptimizer } from './node-optimizer';
import { padFrame } from './pad';

describe('padFrame', () => {
  it('lays the photo over a colour at its placement, opaque everywhere', () => {
    const front = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255]);
    const out = padFrame({ width: 4, height: 1 }, { x: 1, y: 0, width: 2, height: 1 }, front, {
      kind: 'color',
      rgb: [10, 20, 30]
    });
    expect([...out]).toEqual([10, 20, 30, 255, 255, 0, 0, 255, 0, 255, 0, 255, 10, 20, 30, 255]);
  });

  it('stretches a small copy into a dimmed, smooth background', () => {
    const small = new Uint8Array([200, 200, 200, 255, 0, 0, 0, 255]);
    const out = padFrame({ width: 8, height: 1 }, { x: 0, y: 0, width: 0, height: 0 }, new Uint8Array(), {
      kind: 'blur',
      rgba: small,
      size: { width: 2, height: 1 }
    });
    const reds = Array.from({ length: 8 }, (_, index) => out[index * 4]!);
    expect(reds[0]).toBe(110); // 200 dimmed to 55 %
    expect(reds[7]).toBe(0);
    for (let index = 1; index < 8; index++) expect(reds[index]!).toBeLessThanOrEqual(reds[index - 1]!);
  });
});

describe('pad fits of the 14-person group (real detection, sharp and magick-wasm)', () => {
  const truth = JSON.parse(readFileSync('tests/fixtures/group/truth.json', 'utf8')) as {
    images: Record<string, { width: number; height: number; faces: [number, number, number, number][] }>;
  };
  const group = truth.images['group-14.jpg']!;

  it('keeps all 14 faces whole in an Instagram story and a TikTok cover, at their exact sizes', async () => {
    const bytes = new Uint8Array(readFileSync('tests/fixtures/group/group-14.jpg'));
    const presets = ['instagram-story', 'tiktok-cover'].map((id) => presetById(id)!);
    for (const fit of ['pad-blur', 'pad-color'] as const) {
      const outputs = await nodeOptimizer().optimize(
        bytes,
        presets.map((preset) => ({ preset, fit, color: '#203040' })),
        { name: 'group-14.jpg' }
      );
      for (const [index, { result, bytes: file }] of outputs.entries()) {
        const preset = presets[index]!;
        const meta = await sharp(file).metadata();
        expect({ width: meta.width, height: meta.height }).toEqual({
          width: preset.width,
          height: preset.height
        });
        expect(result).toMatchObject({ fit, crop: { x: 0, y: 0, width: group.width, height: group.height } });
        const { placement } = result;
        const scale = placement.width / group.width;
        for (const [x, y, width, height] of group.faces) {
          // Where the face lands in the output: inside the frame, whole.
          const left = placement.x + x * scale;
          const top = placement.y + y * scale;
          expect(left).toBeGreaterThanOrEqual(0);
          expect(top).toBeGreaterThanOrEqual(0);
          expect(left + width * scale).toBeLessThanOrEqual(preset.width);
          expect(top + height * scale).toBeLessThanOrEqual(preset.height);
        }
        expect(result.warnings.map((warning) => warning.code)).not.toContain('face_cut');
        if (fit === 'pad-color') {
          const { data } = await sharp(file)
            .extract({ left: 0, top: 0, width: 1, height: 1 })
            .raw()
            .toBuffer({ resolveWithObject: true });
          expect(Math.abs(data[0]! - 0x20)).toBeLessThanOrEqual(3);
          expect(Math.abs(data[2]! - 0x40)).toBeLessThanOrEqual(3);
        }
      }
    }
  }, 240_000);
});
