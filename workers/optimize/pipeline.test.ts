import { describe, expect, it } from 'vitest';
import type { OptimizedOutput, OutputRequestInput } from '$core/optimize/schema';
import { presetById } from '$core/platforms/select';
import type { RawFace, RgbPixels } from '../vision/detect';
import type { Codec } from './codec';
import { createOptimizer, type EachOutput } from './pipeline';

const FRAME = 1000;
const preset = (id: string) => {
  const found = presetById(id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
};
const requests = ['instagram-square', 'instagram-story', 'youtube-thumbnail', 'x-post', 'linkedin-post'].map(
  (id) => ({ preset: preset(id), format: 'jpeg' as const, quality: 85 })
);

/**
 * A square grey photo in which the detector finds two face candidates, A (side 100) and B (side 110), both at
 * 0.9; the face mesh fits A, and fits B only when `meshFitsB` (otherwise B's views find it weakly and the
 * check drops it). The codec's encodes settle a turn of the event loop later, as sharp's do, and write the
 * crop and size they were given, so equal bytes mean equal pixels asked for. `log` records, in order, each
 * detector call and each encode's start, `sizes` each encode's size; `aside` whether the codec offers encodes
 * off detection's thread.
 */
function photoWithTwoFaces({ meshFitsB, aside }: { meshFitsB: boolean; aside: boolean }) {
  const grey: RgbPixels = { data: new Uint8Array(FRAME * FRAME * 3).fill(128), width: FRAME, height: FRAME };
  const log: string[] = [];
  const sizes: string[] = [];
  let undone = 0;
  const codec: Codec = {
    name: 'fake',
    encodes: ['jpeg'],
    decode: async () => ({
      width: FRAME,
      height: FRAME,
      rgb: async () => ({ pixels: grey, scale: 1 }),
      render: async (crop, size) => ({
        ...size,
        encode: async () => {
          log.push('encode');
          sizes.push(`${size.width}×${size.height}`);
          await new Promise((resolve) => setImmediate(resolve));
          return new TextEncoder().encode(JSON.stringify({ crop, size }));
        },
        rgba: () => Promise.reject(new Error('not here')),
        dispose: () => undefined
      }),
      dispose: () => undefined
    }),
    ...(aside
      ? {
          encodeAside: () => {
            log.push('aside');
            return () => {
              undone++;
              log.push('undo');
            };
          }
        }
      : {})
  };
  const optimizer = createOptimizer({
    codecFor: async () => codec,
    detect: async (_pixels, source) => ({ ...source, faces: [], objects: [], ms: 0 }),
    async findFaces(pixels, mesh): Promise<RawFace[]> {
      log.push('detect');
      if (pixels.width === FRAME) {
        return [
          { box: [100, 100, 100, 100], score: 0.9 },
          { box: [700, 600, 110, 110], score: 0.9 }
        ];
      }
      // The half-frame windows of the small-face search see nothing more.
      if (pixels.width === FRAME / 2) return [];
      // A's views are 1.8× and 4× of 100 px; B's of 110 px.
      const side = pixels.width % 180 === 0 || pixels.width === 400 ? 100 : 110;
      const fits = side === 100 || meshFitsB;
      const box: RawFace['box'] = [(pixels.width - side) / 2, (pixels.height - side) / 2, side, side];
      return [{ box, score: fits ? 0.9 : 0.5, ...(mesh ? { mesh: fits ? 0.95 : 0 } : {}) }];
    }
  });
  return {
    optimize: (list: OutputRequestInput[] = requests, each?: EachOutput) =>
      optimizer.optimize(new Uint8Array([1]), list, { name: 'photo.jpg' }, undefined, each),
    log,
    sizes,
    undone: () => undone
  };
}

const comparable = (outputs: OptimizedOutput[]) =>
  outputs.map(({ result, bytes }) => ({ result, bytes: new TextDecoder().decode(bytes) }));

describe('encodes started during the face checks', () => {
  it('start while the checks still run and are kept when the checks keep the likely faces', async () => {
    const early = photoWithTwoFaces({ meshFitsB: true, aside: true });
    const late = photoWithTwoFaces({ meshFitsB: true, aside: false });
    const outputs = await early.optimize();
    expect(comparable(outputs)).toEqual(comparable(await late.optimize()));
    expect(outputs[0]?.result.detections.faces.map((face) => face.check?.kept)).toEqual([true, true]);
    // Encodes began one after another before the last detector call (each check lets the next one start),
    // and none was made twice.
    const beforeLast = early.log.slice(0, early.log.lastIndexOf('detect'));
    expect(beforeLast.filter((entry) => entry === 'encode').length).toBeGreaterThanOrEqual(2);
    expect(early.log.filter((entry) => entry === 'encode')).toHaveLength(requests.length);
    expect(early.undone()).toBe(1);
    expect(early.log.indexOf('undo')).toBeGreaterThan(early.log.lastIndexOf('detect'));
    expect(late.log.indexOf('encode')).toBeGreaterThan(late.log.lastIndexOf('detect'));
  });

  it('are made again where the checked faces choose another crop', async () => {
    const early = photoWithTwoFaces({ meshFitsB: false, aside: true });
    const late = photoWithTwoFaces({ meshFitsB: false, aside: false });
    const outputs = await early.optimize();
    expect(outputs[0]?.result.detections.faces.map((face) => face.check?.kept)).toEqual([true, false]);
    expect(comparable(outputs)).toEqual(comparable(await late.optimize()));
    expect(early.log.indexOf('encode')).toBeLessThan(early.log.lastIndexOf('detect'));
    expect(early.log.filter((entry) => entry === 'encode').length).toBeGreaterThan(requests.length);
    expect(early.undone()).toBe(1);
  });
});

describe('identical renders', () => {
  it('are encoded once per call, each output with its own result and its own copy of the bytes', async () => {
    const photo = photoWithTwoFaces({ meshFitsB: true, aside: false });
    const crop = { x: 0, y: 0, width: 1000, height: 1000 };
    // Both squares are 1080×1080: the same crop at the same size, format and quality is the same file.
    const [square, facebook, lower] = await photo.optimize([
      { preset: preset('instagram-square'), crop, quality: 85 },
      { preset: preset('facebook-square'), crop, quality: 85 },
      { preset: preset('instagram-square'), crop, quality: 70 }
    ]);
    expect(photo.log.filter((entry) => entry === 'encode')).toHaveLength(2);
    expect(new TextDecoder().decode(facebook!.bytes)).toBe(new TextDecoder().decode(square!.bytes));
    // Outputs leave a worker as transferred buffers: two outputs must not share one.
    expect(facebook!.bytes.buffer).not.toBe(square!.bytes.buffer);
    expect(
      [square, facebook, lower].map((output) => [output!.result.preset, output!.result.quality])
    ).toEqual([
      ['instagram-square', 85],
      ['facebook-square', 85],
      ['instagram-square', 70]
    ]);
  });
});

describe('the order of the work', () => {
  it('starts the largest outputs first and gives the results in the order asked', async () => {
    const photo = photoWithTwoFaces({ meshFitsB: true, aside: true });
    const outputs = await photo.optimize();
    // The outputs made last, after detection, are then the small ones, which share the cores evenly.
    expect(photo.sizes).toEqual(['1080×1920', '1600×900', '1080×1080', '1280×720', '1200×627']);
    expect(outputs.map((output) => output.result.preset)).toEqual(
      requests.map((request) => request.preset.id)
    );
  });

  it('hands each output on as soon as it is made, and settles after the last hand-over', async () => {
    const photo = photoWithTwoFaces({ meshFitsB: true, aside: true });
    const seen: string[] = [];
    const outputs = await photo.optimize(requests, async (output, index) => {
      // How many encodes had started when this output was handed on.
      seen.push(`${index} ${output.result.preset} after ${photo.sizes.length} encodes`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(`${index} written`);
    });
    expect(seen.filter((entry) => entry.endsWith('written'))).toHaveLength(requests.length);
    // The largest output (the story, index 1) is handed on first, before the last encode started.
    expect(seen[0]).toMatch(/^1 instagram-story after [1-4] encodes$/);
    expect(outputs.map((output) => output.result.preset)).toEqual(
      requests.map((request) => request.preset.id)
    );
  });

  it('fails with a hand-over that fails, once every other output is made and handed on', async () => {
    const photo = photoWithTwoFaces({ meshFitsB: true, aside: false });
    const written: string[] = [];
    await expect(
      photo.optimize(requests, async (output) => {
        if (output.result.preset === 'x-post') throw new Error('disk full writing x-post');
        await new Promise((resolve) => setTimeout(resolve, 20));
        written.push(output.result.preset);
      })
    ).rejects.toThrow('disk full writing x-post');
    // No write was still under way when the call failed.
    expect(written.sort()).toEqual(
      requests
        .map((request) => request.preset.id)
        .filter((id) => id !== 'x-post')
        .sort()
    );
  });
});
