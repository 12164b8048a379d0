import { describe, expect, it } from 'vitest';
import { outpaintSides } from './extend';

describe('outpaintSides', () => {
  const source = { width: 1000, height: 500 };
  const frame = { width: 1080, height: 1920 };

  it('grows the margins of a padded whole picture back to source pixels', () => {
    // Shown 1.08× larger: the 700 frame pixels above it are 648 of the source.
    const pad = {
      crop: { x: 0, y: 0, width: 1000, height: 500 },
      placement: { x: 0, y: 700, width: 1080, height: 540 }
    };
    expect(outpaintSides(source, pad, frame)).toEqual({ left: 0, right: 0, up: 648, down: 630 });
  });

  it('counts the source a hand crop left out as already there', () => {
    const pad = {
      crop: { x: 100, y: 50, width: 800, height: 400 },
      placement: { x: 0, y: 700, width: 1080, height: 540 }
    };
    const sides = outpaintSides(source, pad, frame);
    expect(sides.left).toBe(0);
    expect(sides.up).toBe(Math.round(700 / 1.35 - 50));
    expect(sides.down).toBe(Math.round(680 / 1.35 - 50));
  });

  it('never asks for more than the operation allows', () => {
    const tiny = {
      crop: { x: 0, y: 0, width: 100, height: 10 },
      placement: { x: 0, y: 955, width: 1080, height: 108 }
    };
    expect(outpaintSides({ width: 100, height: 10 }, tiny, frame).up).toBeLessThanOrEqual(2000);
  });
});
