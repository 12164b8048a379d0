import { describe, expect, it } from 'vitest';
import { estimateCost } from '../cost/estimate';
import { parseBatchCsv } from './csv';
import { previewBatchCost, trimToBudget } from './cost';

const rows = parseBatchCsv(
  new TextEncoder().encode(
    'prompt,provider,model,variations\nA,stability,core,2\nB,stability,ultra,1\nC,wavespeed,qwen-image,3\n'
  )
).rows;

describe('batch cost preview', () => {
  it('adds each row at the cost table price, per provider', () => {
    const each = rows.map((row) => estimateCost(row.operation)!.totalMicros);
    const preview = previewBatchCost(rows);
    expect(preview.totalMicros).toBe(each[0]! + each[1]! + each[2]!);
    expect(preview.perProvider).toEqual({ stability: each[0]! + each[1]!, wavespeed: each[2] });
    expect(preview.overBudget).toBe(false);
    expect(preview.fittingRows).toBe(3);
  });

  it('says when the batch exceeds the remaining budget and trims it to the rows that fit', () => {
    const firstTwo = rows.slice(0, 2).reduce((sum, row) => sum + estimateCost(row.operation)!.totalMicros, 0);
    const preview = previewBatchCost(rows, firstTwo);
    expect(preview.overBudget).toBe(true);
    expect(preview.fittingRows).toBe(2);
    expect(trimToBudget(rows, firstTwo).map((row) => row.line)).toEqual([2, 3]);
    expect(trimToBudget(rows, firstTwo - 1).map((row) => row.line)).toEqual([2]);
  });
});
