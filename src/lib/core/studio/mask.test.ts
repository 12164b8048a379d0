import { describe, expect, it } from 'vitest';
import { maskFromAlpha } from './mask';

describe('maskFromAlpha', () => {
  it('makes covered pixels opaque white and the rest opaque black, whatever the stroke colour', () => {
    const rgba = new Uint8ClampedArray([255, 45, 117, 255, 10, 10, 10, 0, 1, 2, 3, 128, 9, 9, 9, 127]);
    maskFromAlpha(rgba);
    expect([...rgba]).toEqual([255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255]);
  });
});
