import { describe, expect, it } from 'vitest';
import { planFit } from './fit';

const landscape = { width: 4000, height: 3000 };

describe('planFit', () => {
  it('cover crops the centre to the target aspect, then scales to the exact box', () => {
    const plan = planFit(landscape, { width: 200, height: 200 }, 'cover');
    expect(plan.crop).toEqual({ x: 500, y: 0, width: 3000, height: 3000 });
    expect(plan.canvas).toEqual({ width: 200, height: 200 });
  });

  it('cover of a taller target keeps the full width of a narrow source and centres vertically', () => {
    const plan = planFit({ width: 600, height: 1350 }, { width: 1080, height: 1920 }, 'cover');
    expect(plan.crop).toEqual({ x: 0, y: 141, width: 600, height: 1067 });
  });

  it('contain scales inside the box and pads to it', () => {
    const plan = planFit(landscape, { width: 200, height: 200 }, 'contain');
    expect(plan.scaled).toEqual({ width: 200, height: 150 });
    expect(plan.canvas).toEqual({ width: 200, height: 200 });
  });

  it('inside keeps the source aspect without padding', () => {
    const plan = planFit(landscape, { width: 200, height: 200 }, 'inside');
    expect(plan.canvas).toEqual({ width: 200, height: 150 });
  });

  it('fill stretches the whole source to the box', () => {
    const plan = planFit(landscape, { width: 300, height: 100 }, 'fill');
    expect(plan.crop).toEqual({ x: 0, y: 0, width: 4000, height: 3000 });
    expect(plan.scaled).toEqual({ width: 300, height: 100 });
  });

  it('never plans a zero-sized side for extreme aspect ratios', () => {
    const plan = planFit({ width: 10_000, height: 10 }, { width: 10, height: 10 }, 'inside');
    expect(plan.scaled.height).toBeGreaterThanOrEqual(1);
  });
});
