import { describe, expect, it } from 'vitest';
import { rgbaToRgb } from './pixels';

describe('rgbaToRgb', () => {
  it('keeps red, green and blue in order and drops alpha', () => {
    const rgba = new Uint8ClampedArray([1, 2, 3, 255, 10, 20, 30, 0]);
    expect([...rgbaToRgb(rgba)]).toEqual([1, 2, 3, 10, 20, 30]);
  });
});
