import { describe, expect, it } from 'vitest';
import { costTable } from './table';

describe('the cost table', () => {
  it('says why for every row that costs nothing', () => {
    const free = costTable.filter((rate) => rate.usdMicros === 0);
    expect(free.length).toBeGreaterThan(0);
    for (const rate of free)
      expect(rate.zeroReason?.length ?? 0, `${rate.provider}/${rate.model}`).toBeGreaterThan(20);
    expect(costTable.filter((rate) => rate.usdMicros > 0 && rate.zeroReason)).toEqual([]);
  });
});
