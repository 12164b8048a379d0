import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Matte } from '$core/ai/matte';
import { nodeEngine, sharpCodec } from './node-ai';

interface Truth {
  images: Record<string, { width: number; height: number; faces: [number, number, number, number][] }>;
}
const truth = JSON.parse(readFileSync('tests/fixtures/faces/truth.json', 'utf8')) as Truth;

const meanAlpha = (matte: Matte, x0: number, y0: number, x1: number, y1: number) => {
  let sum = 0;
  let count = 0;
  for (let y = Math.max(0, Math.round(y0)); y < Math.min(matte.height, Math.round(y1)); y++)
    for (let x = Math.max(0, Math.round(x0)); x < Math.min(matte.width, Math.round(x1)); x++) {
      sum += matte.alpha[y * matte.width + x]!;
      count++;
    }
  return sum / count / 255;
};

/** Every visible portrait: faces must be kept whole and the top corners (clear of people) cut away. */
describe('on-device cut-out on the visible portraits', () => {
  it.each(Object.keys(truth.images))(
    '%s: faces kept, top corners removed',
    async (name) => {
      const expected = truth.images[name]!;
      const image = await sharpCodec.decode(new Uint8Array(readFileSync(`tests/fixtures/faces/${name}`)));
      const matte = await nodeEngine().segmentPerson(image);
      expect([matte.width, matte.height]).toEqual([expected.width, expected.height]);
      const faces = expected.faces.map(([x, y, w, h]) =>
        meanAlpha(matte, x + w * 0.2, y + h * 0.2, x + w * 0.8, y + h * 0.8)
      );
      const side = 0.08 * Math.min(matte.width, matte.height);
      const corners = [
        meanAlpha(matte, 0, 0, side, side),
        meanAlpha(matte, matte.width - side, 0, matte.width, side)
      ];
      process.stdout.write(
        `${name}: faces ${faces.map((value) => value.toFixed(3)).join(' ')} · top corners ${corners.map((value) => value.toFixed(3)).join(' ')}\n`
      );
      for (const face of faces) expect(face).toBeGreaterThanOrEqual(0.95);
      for (const corner of corners) expect(corner).toBeLessThanOrEqual(0.15);
    },
    60_000
  );
});
