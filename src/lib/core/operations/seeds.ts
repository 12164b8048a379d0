/** A model's seed range, from its contract. */
export interface SeedRange {
  min: number;
  max: number;
}

/**
 * The seeds a batch of `count` variations uses: consecutive from `base`, moved down as one block when `base + i`
 * would pass the model's top seed, so a set stays reproducible and no variation is sent a seed the model refuses
 * (DashScope stops at 2³¹−1, Stability at 2³²−2).
 */
export function batchSeeds(base: number, count: number, range: SeedRange): number[] {
  const start = Math.max(range.min, Math.min(base, range.max - (count - 1)));
  return Array.from({ length: count }, (_, index) => start + index);
}
