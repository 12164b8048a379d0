import { describe, expect, it } from 'vitest';
import { splitByArea } from './shares';

const area = (sizes: { width: number; height: number }[], indices: number[]) =>
  indices.reduce((sum, index) => sum + sizes[index]!.width * sizes[index]!.height, 0);

describe('splitByArea', () => {
  it('balances output pixels rather than output counts', () => {
    const sizes = [
      { width: 2560, height: 1440 },
      { width: 400, height: 400 },
      { width: 1080, height: 1080 },
      { width: 400, height: 400 },
      { width: 1080, height: 1920 },
      { width: 400, height: 400 }
    ];
    const [first, second] = splitByArea(sizes, 2);
    expect([...first!, ...second!].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const a = area(sizes, first!);
    const b = area(sizes, second!);
    // Alternating by index would put 2560×1440, 1080×1080 and 1080×1920 together (7.9 MP against 0.5 MP).
    expect(Math.max(a, b) / Math.min(a, b)).toBeLessThan(1.3);
  });

  it('leaves shares empty when there are fewer outputs than shares', () => {
    expect(splitByArea([{ width: 10, height: 10 }], 3)).toEqual([[0], [], []]);
  });
});
