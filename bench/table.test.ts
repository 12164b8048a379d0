import { describe, expect, it } from 'vitest';
import { formatTable, median } from './table';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the middle pair of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is NaN for no runs rather than zero', () => {
    expect(median([])).toBeNaN();
  });
});

describe('formatTable', () => {
  it('pads the first column left and the numbers right', () => {
    expect(
      formatTable(
        ['tool', 'ms'],
        [
          ['sharp', 7],
          ['magick-wasm', 120]
        ]
      )
    ).toBe(
      [
        '| tool        |  ms |',
        '| ----------- | --- |',
        '| sharp       |   7 |',
        '| magick-wasm | 120 |'
      ].join('\n')
    );
  });
});
