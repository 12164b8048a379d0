/** Drops the alpha channel of RGBA pixels (canvas ImageData) into a new RGB buffer. */
export function rgbaToRgb(rgba: Uint8Array | Uint8ClampedArray): Uint8Array {
  const pixels = rgba.length / 4;
  const rgb = new Uint8Array(pixels * 3);
  for (let i = 0, j = 0; i < pixels; i++, j += 3) {
    const k = i * 4;
    rgb[j] = rgba[k] ?? 0;
    rgb[j + 1] = rgba[k + 1] ?? 0;
    rgb[j + 2] = rgba[k + 2] ?? 0;
  }
  return rgb;
}
