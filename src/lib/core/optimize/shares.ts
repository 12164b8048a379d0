import type { Size } from '$core/geometry/rect';

/**
 * The order in which one source's outputs are made: largest first (output pixels; encoding, the larger half of
 * the work, grows with them), so the last outputs are small and whatever shares them finishes close together —
 * browser workers taking from a common queue, whatever slows one of them down (a split fixed in advance left
 * one worker 40–100 ms behind the other in bench/optimize, in no stable direction), or sharp's threads after
 * the CLI's detection (1.90 → 1.80 s for 39 presets, bench/cli's job, 10 runs in turn).
 */
export function largestFirst(sizes: readonly Size[]): number[] {
  const order = sizes.map((_, index) => index);
  return order.sort((a, b) => sizes[b]!.width * sizes[b]!.height - sizes[a]!.width * sizes[a]!.height);
}
