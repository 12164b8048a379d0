import type { Size } from '$core/geometry/rect';

/**
 * The order in which workers sharing one source take its outputs from a common queue: largest first (output
 * pixels; encoding, the larger half of the work, grows with them), so the last outputs taken are small and
 * the workers finish close together, whatever slows one of them down (a split fixed in advance left one
 * worker 40–100 ms behind the other in bench/optimize, in no stable direction).
 */
export function largestFirst(sizes: readonly Size[]): number[] {
  const order = sizes.map((_, index) => index);
  return order.sort((a, b) => sizes[b]!.width * sizes[b]!.height - sizes[a]!.width * sizes[a]!.height);
}
