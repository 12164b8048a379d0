import { estimateCost } from '../cost/estimate';
import type { ProviderId } from '../providers';
import type { CsvRow } from './csv-row';

export interface BatchCostPreview {
  totalMicros: number;
  perProvider: Partial<Record<ProviderId, number>>;
  /** Rows the cost table has no price for: the proxy would refuse them, so they are not counted as free. */
  unpriced: number[];
  remainingMicros: number | undefined;
  overBudget: boolean;
  /** How many rows, in order, fit in the remaining budget. */
  fittingRows: number;
}

/** The batch's price from THE cost table, set against the remaining budget when the proxy told us one. */
export function previewBatchCost(rows: readonly CsvRow[], remainingMicros?: number): BatchCostPreview {
  const perProvider: Partial<Record<ProviderId, number>> = {};
  const unpriced: number[] = [];
  let totalMicros = 0;
  let fittingRows = 0;
  for (const row of rows) {
    const cost = estimateCost(row.operation);
    if (!cost) {
      unpriced.push(row.line);
      continue;
    }
    totalMicros += cost.totalMicros;
    const provider = row.operation.provider;
    perProvider[provider] = (perProvider[provider] ?? 0) + cost.totalMicros;
    if (remainingMicros === undefined || totalMicros <= remainingMicros) fittingRows++;
  }
  return {
    totalMicros,
    perProvider,
    unpriced,
    remainingMicros,
    overBudget: remainingMicros !== undefined && totalMicros > remainingMicros,
    fittingRows
  };
}

/** The longest prefix of rows that fits the budget: the trimmed batch keeps the file's order. */
export function trimToBudget(rows: readonly CsvRow[], remainingMicros: number): CsvRow[] {
  const kept: CsvRow[] = [];
  let spent = 0;
  for (const row of rows) {
    const micros = estimateCost(row.operation)?.totalMicros;
    if (micros === undefined || spent + micros > remainingMicros) break;
    spent += micros;
    kept.push(row);
  }
  return kept;
}
