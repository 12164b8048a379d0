import type { Point } from '../crop/geometry';

export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Saliency is judged on a coarse grid: interest is a region, not a pixel, and the grid keeps this cheap. */
const GRID = 64;

/** How much a colour looks like skin (0–1), from the classic RGB skin rule loosened into a score. */
function skinness(r: number, g: number, b: number): number {
  if (r < 60 || r < g || r < b) return 0;
  const spread = r - Math.min(g, b);
  return spread > 15 && Math.abs(r - g) > 10 ? Math.min(1, spread / 80) : 0;
}

/**
 * The point where the picture's interest lies when nothing was detected: a map of local contrast (edges),
 * colourfulness and skin tones on a coarse grid, with a gentle pull to the centre, whose strongest part's
 * weighted centre is returned in the image's pixel coordinates.
 */
export function saliencyFocal(image: RgbImage): Point {
  const { data, width, height } = image;
  const step = Math.max(1, Math.ceil(Math.max(width, height) / GRID));
  const columns = Math.ceil(width / step);
  const rows = Math.ceil(height / step);
  const luma = new Float32Array(columns * rows);
  const colour = new Float32Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const i = (Math.min(height - 1, row * step) * width + Math.min(width - 1, column * step)) * 3;
      const r = data[i] ?? 0;
      const g = data[i + 1] ?? 0;
      const b = data[i + 2] ?? 0;
      const max = Math.max(r, g, b);
      const saturation = max === 0 ? 0 : (max - Math.min(r, g, b)) / max;
      luma[row * columns + column] = 0.299 * r + 0.587 * g + 0.114 * b;
      colour[row * columns + column] = 0.6 * saturation * (max / 255) + skinness(r, g, b);
    }
  }
  const scores = new Float32Array(columns * rows);
  for (let row = 1; row < rows - 1; row++) {
    for (let column = 1; column < columns - 1; column++) {
      const k = row * columns + column;
      const dx = (luma[k + 1] ?? 0) - (luma[k - 1] ?? 0);
      const dy = (luma[k + columns] ?? 0) - (luma[k - columns] ?? 0);
      const edge = Math.min(1, Math.hypot(dx, dy) / 128);
      const u = column / columns - 0.5;
      const v = row / rows - 0.5;
      const centre = 1 - 0.8 * (u * u + v * v);
      scores[k] = (edge + (colour[k] ?? 0)) * centre;
    }
  }
  const sorted = [...scores].sort((a, b) => b - a);
  const threshold = sorted[Math.floor(sorted.length * 0.1)] ?? 0;
  let total = 0;
  let sumX = 0;
  let sumY = 0;
  scores.forEach((score, k) => {
    if (score < threshold || score <= 0) return;
    total += score;
    sumX += score * ((k % columns) + 0.5) * step;
    sumY += score * (Math.floor(k / columns) + 0.5) * step;
  });
  if (total === 0) return { x: width / 2, y: height / 2 };
  return { x: Math.min(width, sumX / total), y: Math.min(height, sumY / total) };
}
