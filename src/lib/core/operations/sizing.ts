import type { Sizing } from './models';

export interface PlannedSize {
  width: number;
  height: number;
  /** The ratio label sent upstream for models that take a ratio instead of pixels. */
  aspectRatio?: string;
}

/** Ratios further apart than this (×/÷) are too far to stand in for each other. */
const MAX_RATIO_DRIFT = 1.3;
/** Output area of ratio-driven models (Stability and Gemini produce about one megapixel). */
const RATIO_MODEL_PIXELS = 1024 * 1024;

const ratioOf = (label: string): number => {
  const [w, h] = label.split(':').map(Number);
  return (w ?? 1) / (h ?? 1);
};
const drift = (a: number, b: number): number => Math.max(a / b, b / a);
const roundTo = (value: number, multiple: number): number =>
  Math.max(multiple, Math.round(value / multiple) * multiple);

function closest<T>(items: readonly T[], ratio: number, ratioOfItem: (item: T) => number): T {
  let best = items[0] as T;
  for (const item of items) {
    if (drift(ratioOfItem(item), ratio) < drift(ratioOfItem(best), ratio)) best = item;
  }
  return best;
}

/**
 * What a model will actually produce for a requested size, or a sentence saying why it cannot come close.
 * Sizes above a model's limit are scaled down (aspect kept) instead of refused: the reference's WaveSpeed path
 * refused every template above 1024 px.
 */
export function planOutputSize(sizing: Sizing, width: number, height: number): PlannedSize | string {
  const ratio = width / height;
  if (sizing.kind === 'aspect') {
    const label = closest(sizing.ratios, ratio, ratioOf);
    if (drift(ratioOf(label), ratio) > MAX_RATIO_DRIFT) {
      return `${width}×${height} (${ratio.toFixed(2)}:1) is outside this model's ratios (${sizing.ratios[0]} to ${sizing.ratios.at(-1)}); generate at ${label} and crop.`;
    }
    const r = ratioOf(label);
    return {
      width: roundTo(Math.sqrt(RATIO_MODEL_PIXELS * r), 64),
      height: roundTo(Math.sqrt(RATIO_MODEL_PIXELS / r), 64),
      aspectRatio: label
    };
  }
  if (sizing.kind === 'sizes') {
    const [w, h] = closest(sizing.sizes, ratio, ([a, b]) => a / b);
    if (drift(w / h, ratio) > MAX_RATIO_DRIFT) {
      return `${width}×${height} is too far from any size this model makes (closest ${w}×${h}).`;
    }
    return { width: w, height: h };
  }
  const scale = Math.min(1, sizing.maxSide / Math.max(width, height));
  const planned = {
    width: Math.min(sizing.maxSide, roundTo(width * scale, sizing.multiple)),
    height: Math.min(sizing.maxSide, roundTo(height * scale, sizing.multiple))
  };
  if (Math.min(planned.width, planned.height) < sizing.minSide) {
    return `${width}×${height} is too narrow for this model: each side must be at least ${sizing.minSide} px when the longest is ${sizing.maxSide} px.`;
  }
  return planned;
}
