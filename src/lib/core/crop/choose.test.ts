import { describe, expect, it } from 'vitest';
import { presetById } from '../platforms/select';
import type { PlatformPreset } from '../platforms/schema';
import { randomCrops } from '../../../../tests/support/random-crops';
import { bestPlacement, centreCrop, chooseCrop, placementGrid } from './choose';
import { contains } from './geometry';
import { safeAreaRect } from './safe-area';

const preset = (id: string): PlatformPreset => {
  const found = presetById(id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
};
const face = (x: number, y: number, size = 100) => ({ x, y, width: size, height: size, score: 0.9 });

describe('chooseCrop', () => {
  it('keeps the preset aspect at the largest size and whole pixels', () => {
    const { crop } = chooseCrop({
      source: { width: 4000, height: 3000 },
      preset: preset('instagram-square')
    });
    expect(crop).toEqual({ x: 500, y: 0, width: 3000, height: 3000 });
  });

  it('moves a landscape crop up to a face high in a tall image, where a centre crop cuts it', () => {
    const source = { width: 600, height: 1350 };
    const faces = [face(250, 120, 120)];
    const landscape = preset('x-post');
    const choice = chooseCrop({ source, preset: landscape, faces });
    expect(contains(choice.crop, faces[0]!)).toBe(true);
    expect(choice.warnings).toEqual([]);
    expect(contains(centreCrop(source, landscape), faces[0]!)).toBe(false);
  });

  it('keeps a face out of the TikTok caption band and action rail', () => {
    const source = { width: 1920, height: 1080 };
    const faces = [face(1600, 500, 150)];
    const tiktok = preset('tiktok-cover');
    const choice = chooseCrop({ source, preset: tiktok, faces });
    expect(contains(safeAreaRect(tiktok, choice.crop), faces[0]!)).toBe(true);
    expect(choice.warnings).toEqual([]);
  });

  it('drops the smaller face rather than cutting one when they cannot all fit', () => {
    const source = { width: 3000, height: 1000 };
    const faces = [face(300, 400, 300), face(2700, 450, 150)];
    const choice = chooseCrop({ source, preset: preset('instagram-square'), faces });
    expect(contains(choice.crop, faces[0]!)).toBe(true);
    expect(choice.warnings.map((warning) => warning.code)).toEqual(['face_left_out']);
  });

  it('moves toward a pinned focal point only as far as keeps every face inside', () => {
    const source = { width: 3000, height: 1000 };
    const faces = [face(100, 400)];
    const choice = chooseCrop({
      source,
      preset: preset('instagram-square'),
      faces,
      focal: { x: 2000, y: 500, pinned: true }
    });
    expect(choice.strategy).toBe('focal');
    expect(contains(choice.crop, faces[0]!)).toBe(true);
    expect(choice.warnings.map((warning) => warning.code)).not.toContain('face_left_out');
    // Without faces in the way, the crop is centred on the point.
    const free = chooseCrop({
      source,
      preset: preset('instagram-square'),
      focal: { x: 2000, y: 500, pinned: true }
    });
    expect(free.crop).toEqual({ x: 1500, y: 0, width: 1000, height: 1000 });
  });

  it('follows a pinned focal point, and says so, when the faces cannot all fit with it', () => {
    const choice = chooseCrop({
      source: { width: 3000, height: 1000 },
      preset: preset('instagram-square'),
      faces: [face(100, 400), face(2800, 400)],
      focal: { x: 1500, y: 500, pinned: true }
    });
    expect(choice.crop.x).toBe(1000);
    expect(choice.warnings[0]?.code).toBe('focal_conflict');
  });

  it('warns when a face sits under an overlay it cannot avoid', () => {
    // A square source for a square preset leaves no room to move: the face stays under the grid crop.
    const choice = chooseCrop({
      source: { width: 1000, height: 1000 },
      preset: preset('instagram-square'),
      faces: [face(10, 400)]
    });
    expect(choice.warnings).toEqual([
      expect.objectContaining({ code: 'face_under_overlay', region: 'grid crop left' })
    ]);
  });

  it('frames the main object when there are no faces, and falls back to the centre with nothing', () => {
    const source = { width: 4000, height: 1000 };
    const objects = [{ x: 3200, y: 200, width: 500, height: 600, score: 0.8, label: 'dog' }];
    const subject = chooseCrop({ source, preset: preset('instagram-square'), objects });
    expect(subject.strategy).toBe('subject');
    expect(contains(subject.crop, objects[0]!)).toBe(true);
    expect(chooseCrop({ source, preset: preset('instagram-square') })).toMatchObject({
      strategy: 'centre',
      crop: { x: 1500, y: 0 }
    });
  });
});

describe('the placement search', () => {
  const random = randomCrops(20261206);
  const cases = Array.from({ length: 400 }, () => {
    const source = random.source(1500);
    const preset = random.preset();
    const size = random.size(source, preset, 0.3);
    const subjects = Array.from({ length: random.int(1, 5) }, () => ({
      box: random.box(source),
      weight: random.between(0, 2)
    }));
    return { source, preset, size, subjects };
  });

  it('bounds every crop of a row or column by that line’s bound, to the last bit', () => {
    let lines = 0;
    let skippable = 0;
    const above: string[] = [];
    cases.forEach(({ source, preset, size, subjects }, index) => {
      const { xs, ys, score, bounds } = placementGrid(source, size, preset, subjects);
      const rows = bounds('x');
      const columns = bounds('y');
      let best = -Infinity;
      xs.forEach((_, xi) =>
        ys.forEach((_, yi) => {
          const value = score(xi, yi);
          if (value > rows[xi]! || value > columns[yi]!) above.push(`case ${index} at ${xi}, ${yi}`);
          best = Math.max(best, value);
        })
      );
      lines += xs.length + ys.length;
      skippable += [...rows, ...columns].filter((bound) => bound < best).length;
    });
    expect(above).toEqual([]);
    // The bounds are worth having: most lines cannot hold the best crop, and their bound says so.
    expect(skippable / lines).toBeGreaterThan(0.5);
  });

  it('picks the first best crop in the grid’s order, as scoring every crop would', () => {
    // Where every crop scores the same (no subject, or none any crop reaches), the first must still win.
    const level = cases.slice(0, 40).map((problem, index) => ({
      ...problem,
      subjects: index % 2 ? [] : [{ box: { x: -50, y: -50, width: 20, height: 20 }, weight: 1 }]
    }));
    for (const { source, preset, size, subjects } of [...cases, ...level]) {
      const { xs, ys, score } = placementGrid(source, size, preset, subjects);
      let first = { x: xs[0], y: ys[0] };
      let best = -Infinity;
      for (const x of xs.keys()) {
        for (const y of ys.keys()) {
          if (score(x, y) > best) [best, first] = [score(x, y), { x: xs[x], y: ys[y] }];
        }
      }
      expect(bestPlacement(source, size, preset, subjects)).toEqual({ ...first, ...size });
    }
  });
});
