import type { Size } from '$core/geometry/rect';

/**
 * Splits outputs into `count` shares of about equal work, work being output pixels (scaling and
 * encoding grow with them): largest first, each to the lightest share so far. Returns each share's
 * indices into `sizes`, in ascending order; shares may be empty when there are fewer outputs.
 */
export function splitByArea(sizes: readonly Size[], count: number): number[][] {
  const shares = Array.from({ length: count }, () => ({ indices: [] as number[], area: 0 }));
  const order = sizes.map((_, index) => index);
  order.sort((a, b) => sizes[b]!.width * sizes[b]!.height - sizes[a]!.width * sizes[a]!.height);
  for (const index of order) {
    const lightest = shares.reduce((best, next) => (next.area < best.area ? next : best));
    lightest.indices.push(index);
    lightest.area += sizes[index]!.width * sizes[index]!.height;
  }
  return shares.map((share) => share.indices.sort((a, b) => a - b));
}
