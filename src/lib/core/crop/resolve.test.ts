import { describe, expect, it } from 'vitest';
import { presetById } from '../platforms/select';
import type { PlatformPreset } from '../platforms/schema';
import { contains } from './geometry';
import { safeAreaRect } from './safe-area';
import { facesActedOn, resolveCrop } from './resolve';

const preset = (id: string): PlatformPreset => {
  const found = presetById(id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
};
const face = (x: number, y: number, size = 100, score = 0.9) => ({ x, y, width: size, height: size, score });

describe('facesActedOn', () => {
  it('drops weak and dismissed detections and adds the faces the user drew', () => {
    const faces = [face(0, 0), face(500, 0), face(900, 0, 100, 0.3)];
    const kept = facesActedOn(faces, {
      dismissed: [{ x: 490, y: -10, width: 120, height: 120 }],
      added: [{ x: 2000, y: 100, width: 50, height: 60 }]
    });
    expect(kept).toEqual([face(0, 0), { x: 2000, y: 100, width: 50, height: 60, score: 1 }]);
  });
});

describe('resolveCrop', () => {
  const source = { width: 3000, height: 1000 };
  const square = preset('instagram-square');

  it('follows a dismissed false face and a drawn missed one', () => {
    const detections = { faces: [face(100, 400)], objects: [] };
    const automatic = resolveCrop({ source, preset: square, detections });
    expect(contains(automatic.crop, face(100, 400))).toBe(true);
    const corrected = resolveCrop({
      source,
      preset: square,
      detections,
      user: { dismissed: [face(100, 400)], added: [{ x: 2700, y: 300, width: 120, height: 150 }] }
    });
    expect(corrected.strategy).toBe('faces');
    expect(contains(corrected.crop, { x: 2700, y: 300, width: 120, height: 150 })).toBe(true);
    expect(corrected.warnings).toEqual([]);
  });

  it('uses the user crop as given for cover, with the whole frame as placement', () => {
    const crop = { x: 10, y: 20, width: 900, height: 900 };
    expect(
      resolveCrop({ source, preset: square, detections: { faces: [], objects: [] }, user: { crop } })
    ).toEqual({
      crop,
      placement: { x: 0, y: 0, width: 1080, height: 1080 },
      fit: 'cover',
      strategy: 'user',
      warnings: []
    });
  });

  it('pads with the whole picture inside the safe area, so no face is cut, at the exact frame size', () => {
    const story = preset('instagram-story');
    const frame = { x: 0, y: 0, width: story.width, height: story.height };
    const faces = [face(50, 400), face(1500, 450), face(2850, 300)];
    for (const fit of ['pad-blur', 'pad-color'] as const) {
      const padded = resolveCrop({
        source,
        preset: story,
        detections: { faces, objects: [] },
        fit,
        color: '#112233'
      });
      expect(padded.crop).toEqual({ x: 0, y: 0, width: 3000, height: 1000 });
      // Faces at both ends: the picture shrinks into the safe area rather than put them under the UI.
      expect(contains(safeAreaRect(story, frame), padded.placement)).toBe(true);
      expect(padded.placement.width).toBeLessThan(story.width);
      expect(padded.color).toBe(fit === 'pad-color' ? '#112233' : undefined);
      expect(padded.warnings).toEqual([]);
    }
    // Without faces near the edges the picture takes the frame's whole width.
    const middle = resolveCrop({
      source,
      preset: story,
      detections: { faces: [face(1500, 450)], objects: [] },
      fit: 'pad-blur'
    });
    expect(middle.placement.width).toBe(story.width);
    expect(middle.warnings).toEqual([]);
    // Cover cannot keep all three: the pad modes exist for this.
    const cover = resolveCrop({ source, preset: story, detections: { faces, objects: [] } });
    expect(cover.warnings.length).toBeGreaterThan(0);
  });
});
