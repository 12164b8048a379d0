import { describe, expect, it } from 'vitest';
import { largestFirst } from './shares';

describe('largestFirst', () => {
  it('orders outputs by pixels, largest first, keeping request order among equals', () => {
    const sizes = [
      { width: 400, height: 400 },
      { width: 2560, height: 1440 },
      { width: 1080, height: 1080 },
      { width: 400, height: 400 },
      { width: 1080, height: 1920 }
    ];
    expect(largestFirst(sizes)).toEqual([1, 4, 2, 0, 3]);
  });

  it('is empty for no outputs', () => {
    expect(largestFirst([])).toEqual([]);
  });
});
