import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Box } from '$core/vision/detection';
import { decodeRgb } from '../image/image-ops';
import { useNodeMagickWasm } from '../image/node-magick';
import { detectInPixels } from './detect';
import { nodeHuman } from './node-human';

interface Truth {
  images: Record<string, { width: number; height: number; faces: [number, number, number, number][] }>;
}
const truth = JSON.parse(readFileSync('tests/fixtures/faces/truth.json', 'utf8')) as Truth;
const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/faces/${name}`));

const centreInside = ([x, y, w, h]: [number, number, number, number], box: Box) =>
  x + w / 2 >= box.x &&
  x + w / 2 <= box.x + box.width &&
  y + h / 2 >= box.y &&
  y + h / 2 <= box.y + box.height;

beforeAll(() => useNodeMagickWasm());

describe('detectInPixels (Human on tfjs wasm, under Node)', () => {
  it.each(['sample1.jpg', 'sample5-exif-orientation-6.jpg'])(
    'finds every face of %s in upright source coordinates',
    async (name) => {
      const expected = truth.images[name];
      if (!expected) throw new Error(`no truth for ${name}`);
      const human = await nodeHuman();
      const { pixels, source } = await decodeRgb(fixture(name), 1280);
      const detection = await detectInPixels(human, pixels, { faces: true, objects: false }, source);
      expect({ width: detection.width, height: detection.height }).toEqual({
        width: expected.width,
        height: expected.height
      });
      for (const face of expected.faces) {
        expect(detection.faces.some((box) => centreInside(face, box))).toBe(true);
      }
    },
    60_000
  );

  it('names people as objects when object detection is on', async () => {
    const human = await nodeHuman();
    const { pixels, source } = await decodeRgb(fixture('sample4-small.jpg'), 1280);
    const detection = await detectInPixels(human, pixels, { faces: false, objects: true }, source);
    expect(detection.faces).toEqual([]);
    expect(detection.objects.map((object) => object.label)).toContain('person');
  }, 60_000);
});
