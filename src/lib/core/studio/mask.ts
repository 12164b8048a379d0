/**
 * Turns drawn strokes (any colour, antialiased alpha) into the mask providers expect, in place: opaque white where
 * at least half covered, opaque black elsewhere.
 */
export function maskFromAlpha(rgba: Uint8ClampedArray): void {
  for (let index = 0; index < rgba.length; index += 4) {
    const value = (rgba[index + 3] ?? 0) >= 128 ? 255 : 0;
    rgba[index] = value;
    rgba[index + 1] = value;
    rgba[index + 2] = value;
    rgba[index + 3] = 255;
  }
}
