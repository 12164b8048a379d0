import { describe, expect, it } from 'vitest';
import { pickFocal } from '../optimize/focal';
import { saliencyFocal } from './saliency';

/** A flat grey picture with one textured, colourful patch. */
function withPatch(width: number, height: number, patch: { x: number; y: number; size: number }) {
  const data = new Uint8Array(width * height * 3).fill(120);
  for (let y = patch.y; y < patch.y + patch.size; y++) {
    for (let x = patch.x; x < patch.x + patch.size; x++) {
      const i = (y * width + x) * 3;
      const on = (x >> 2) % 2 === (y >> 2) % 2;
      data.set(on ? [230, 40, 30] : [30, 60, 220], i);
    }
  }
  return { data, width, height };
}

describe('saliencyFocal', () => {
  it('points at the only detailed, colourful region, even far from the centre', () => {
    const focal = saliencyFocal(withPatch(400, 300, { x: 300, y: 40, size: 60 }));
    expect(focal.x).toBeGreaterThan(290);
    expect(focal.x).toBeLessThan(370);
    expect(focal.y).toBeGreaterThan(30);
    expect(focal.y).toBeLessThan(110);
  });

  it('falls back to the middle of a featureless picture', () => {
    const flat = { data: new Uint8Array(200 * 100 * 3).fill(90), width: 200, height: 100 };
    expect(saliencyFocal(flat)).toEqual({ x: 100, y: 50 });
  });
});

describe('pickFocal', () => {
  const size = { width: 1000, height: 800 };
  const face = (x: number, size: number) => ({ x, y: 100, width: size, height: size, score: 0.9 });

  it('prefers faces, weighting bigger faces more', () => {
    const focal = pickFocal(size, { faces: [face(100, 200), face(700, 100)], objects: [] }, { x: 1, y: 1 });
    expect(focal.source).toBe('faces');
    // Centres 200 and 750, weighted by area 40 000 and 10 000.
    expect(focal.x).toBeCloseTo((200 * 40_000 + 750 * 10_000) / 50_000, 6);
  });

  it('uses the main object, then saliency, then the centre', () => {
    const dog = { x: 600, y: 400, width: 200, height: 200, score: 0.9, label: 'dog' };
    expect(pickFocal(size, { faces: [], objects: [dog] }, undefined)).toEqual({
      x: 700,
      y: 500,
      source: 'subject'
    });
    expect(pickFocal(size, { faces: [], objects: [] }, { x: 5, y: 6 })).toEqual({
      x: 5,
      y: 6,
      source: 'saliency'
    });
    expect(pickFocal(size, { faces: [], objects: [] }, undefined)).toEqual({
      x: 500,
      y: 400,
      source: 'centre'
    });
  });
});
