import type { Rect, Size } from '../../src/lib/core/geometry/rect';
import type { CropPreset } from '../../src/lib/core/crop/choose';
import { maxCropSize } from '../../src/lib/core/crop/geometry';

/**
 * Seeded random crop problems for the tests that check the crop search's shortcuts against the long way:
 * sources from tiny to panoramic, presets with uneven insets and overlays, and boxes of every awkward kind
 * (tiny, huge, without area, on the edge, fractional).
 */
export function randomCrops(seed: number) {
  let state = seed;
  // mulberry32: small, fast and the same on every run.
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (low: number, high: number) => low + next() * (high - low);
  const int = (low: number, high: number) => Math.floor(between(low, high + 1));
  const maybeWhole = (value: number) => (next() < 0.5 ? Math.round(value) : value);

  const source = (largest: number): Size => {
    const width = int(8, largest);
    const aspect = next() < 0.2 ? between(2, 6) : next() < 0.2 ? 1 / between(1.5, 4) : between(0.6, 1.8);
    return { width, height: Math.max(1, Math.round(width / aspect)) };
  };

  const preset = (): CropPreset => {
    const inset = () => (next() < 0.3 ? 0 : between(0, 0.24));
    return {
      width: int(100, 3000),
      height: int(100, 3000),
      safe: { top: inset(), right: inset(), bottom: inset(), left: inset() },
      overlays: Array.from({ length: int(0, 3) }, (_, index) => {
        const x = next() < 0.3 ? 0 : between(0, 0.8);
        const y = next() < 0.3 ? 0 : between(0, 0.8);
        return {
          name: `overlay ${index}`,
          why: 'A random test region',
          rect: { x, y, width: between(0.02, 1 - x), height: between(0.02, 1 - y) }
        };
      })
    };
  };

  const box = ({ width: sw, height: sh }: Size): Rect => {
    const kind = next();
    const width = kind < 0.1 ? between(0.6, 1.2) * sw : kind < 0.15 ? 0 : between(1, 0.4 * sw);
    const height =
      kind < 0.1 ? between(0.6, 1.2) * sh : kind < 0.15 ? between(0, 5) : width * between(0.8, 1.5);
    const x = next() < 0.15 ? 0 : next() < 0.15 ? sw - width : between(-0.1 * width, sw - 0.9 * width);
    const y = next() < 0.15 ? 0 : next() < 0.15 ? sh - height : between(-0.1 * height, sh - 0.9 * height);
    return { x: maybeWhole(x), y: maybeWhole(y), width: maybeWhole(width), height: maybeWhole(height) };
  };

  /** A crop size of the preset's aspect, between `least` of the largest the source allows and the largest. */
  const size = (of: Size, cropPreset: CropPreset, least: number): Size => {
    const largest = maxCropSize(of, cropPreset);
    const scale = between(least, 1);
    return {
      width: Math.max(1, Math.round(largest.width * scale)),
      height: Math.max(1, Math.round(largest.height * scale))
    };
  };

  return { next, between, int, source, preset, size, box };
}
