import type { EncodableFormat } from '$core/image/format';

export interface Encoded {
  bytes: Uint8Array;
  /** Null for PNG, which has no quality setting. */
  quality: number | null;
  /** False when even the lowest quality tried is over the budget. */
  fits: boolean;
}

/** Below this, JPEG/WebP/AVIF turn to mush; a budget that needs less is reported as missed instead. */
export const MIN_QUALITY = 20;

/**
 * Encodes at `quality`, or when over `maxBytes` searches (by bisection, ≤ 6 more encodes) the highest
 * quality that fits and reports it.
 */
export async function encodeWithin(
  encode: (quality: number) => Promise<Uint8Array>,
  format: EncodableFormat,
  quality: number,
  maxBytes: number | undefined
): Promise<Encoded> {
  const first = await encode(quality);
  const lossless = format === 'png';
  if (maxBytes === undefined || first.byteLength <= maxBytes) {
    return { bytes: first, quality: lossless ? null : quality, fits: true };
  }
  if (lossless || quality <= MIN_QUALITY)
    return { bytes: first, quality: lossless ? null : quality, fits: false };
  let low = MIN_QUALITY;
  let high = quality - 1;
  let best: { bytes: Uint8Array; quality: number } | undefined;
  let smallest = { bytes: first, quality };
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const bytes = await encode(middle);
    if (bytes.byteLength <= maxBytes) {
      best = { bytes, quality: middle };
      low = middle + 1;
    } else {
      if (bytes.byteLength < smallest.bytes.byteLength) smallest = { bytes, quality: middle };
      high = middle - 1;
    }
  }
  return best ? { ...best, fits: true } : { ...smallest, fits: false };
}
