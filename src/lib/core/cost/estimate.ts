import type { AiOperation } from '../operations';
import { resultCount } from '../operations';
import { MICROS_PER_CREDIT, costTable, type Rate } from './table';

export interface CostEstimate {
  /** Per result (per variation for generate). */
  unitMicros: number;
  units: number;
  totalMicros: number;
  totalUsd: number;
  credits: number;
  /** One line a person can check: "4 × $0.030". */
  breakdown: string;
}

export const microsToUsd = (micros: number): number => micros / 1_000_000;
/** Whole cents with two digits, otherwise as many as the price needs (Stability's 6.5 credits is $0.065). */
export function formatUsd(micros: number): string {
  const digits = micros % 10_000 === 0 ? 2 : micros % 1_000 === 0 ? 3 : 4;
  return `$${microsToUsd(micros).toFixed(digits)}`;
}

function resolutionOf(op: AiOperation): string | undefined {
  return 'resolution' in op ? op.resolution : undefined;
}

export function findRate(op: AiOperation): Rate | undefined {
  const resolution = resolutionOf(op);
  return costTable.find(
    (rate) =>
      rate.provider === op.provider &&
      rate.model === op.model &&
      rate.operation === op.operation &&
      (rate.resolution === undefined || rate.resolution === resolution)
  );
}

/** The price of one operation, or undefined when the table has no row (the proxy then refuses to run it). */
export function estimateCost(op: AiOperation): CostEstimate | undefined {
  const rate = findRate(op);
  if (!rate) return undefined;
  let unitMicros = rate.usdMicros;
  let detail = '';
  if (rate.unit !== 'image') {
    const seconds = Math.max(
      rate.minimumSeconds ?? 0,
      op.operation === 'transform.image-to-video'
        ? op.durationSeconds
        : op.operation === 'transform.talking-avatar'
          ? op.audio.seconds
          : 0
    );
    const billed = rate.unit === 'second' ? seconds : Math.ceil(seconds / 5);
    unitMicros = rate.usdMicros * billed;
    detail = rate.unit === 'second' ? ` (${billed} s × ${formatUsd(rate.usdMicros)})` : ` (${billed} × 5 s)`;
  }
  const units = resultCount(op);
  const totalMicros = unitMicros * units;
  return {
    unitMicros,
    units,
    totalMicros,
    totalUsd: microsToUsd(totalMicros),
    credits: totalMicros / MICROS_PER_CREDIT,
    breakdown: `${units} × ${formatUsd(unitMicros)}${detail}`
  };
}
