/** Names a person would search by; hue bands in degrees, checked after the achromatic cases. */
const hueNames: [number, string][] = [
  [15, 'red'],
  [45, 'orange'],
  [70, 'yellow'],
  [160, 'green'],
  [195, 'teal'],
  [255, 'blue'],
  [290, 'purple'],
  [335, 'pink'],
  [360, 'red']
];

/** The colour name of one RGB pixel (0–255 channels). */
export function colourName(r: number, g: number, b: number): string {
  const max = Math.max(r, g, b) / 255;
  const min = Math.min(r, g, b) / 255;
  const lightness = (max + min) / 2;
  const chroma = max - min;
  if (lightness < 0.12) return 'black';
  if (chroma < 0.12) return lightness > 0.85 ? 'white' : 'grey';
  let hue: number;
  if (max === r / 255) hue = ((g - b) / 255 / chroma) % 6;
  else if (max === g / 255) hue = (b - r) / 255 / chroma + 2;
  else hue = (r - g) / 255 / chroma + 4;
  const degrees = (hue * 60 + 360) % 360;
  const name = hueNames.find(([limit]) => degrees < limit)?.[1] ?? 'red';
  // Dark oranges and yellows are what people call brown.
  if ((name === 'orange' || name === 'yellow') && lightness < 0.45) return 'brown';
  return name;
}

/**
 * The colours covering at least `minShare` of the pixels, most common first, at most `limit` of them.
 * Takes interleaved RGB, typically a thumbnail of a few hundred pixels.
 */
export function dominantColours(rgb: Uint8Array, limit = 3, minShare = 0.12): string[] {
  const counts = new Map<string, number>();
  const pixels = Math.floor(rgb.length / 3);
  for (let i = 0; i < pixels * 3; i += 3) {
    const name = colourName(rgb[i] ?? 0, rgb[i + 1] ?? 0, rgb[i + 2] ?? 0);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, count]) => count / pixels >= minShare)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name]) => name);
}
