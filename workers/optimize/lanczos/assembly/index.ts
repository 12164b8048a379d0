// libvips 8.18's Lanczos3 resize (what sharp's `kernel: 'lanczos3'` runs on raw pixels) for RGBA, with
// WebAssembly SIMD: per axis an integer box shrink when the axis shrinks by 4 or more (vips_shrinkv/h, "gap"
// 2, rounded up), then a Lanczos3 reduce (vips_reducev/h) with the same 65-phase masks of 12-bit integer
// coefficients, the same sampling positions and the same rounding, vertical first. Edges repeat the crop's
// outermost pixels, as sharp's extract-then-resize does. Only reductions: an axis that grows returns 0.
//
// Memory is laid out here and kept between calls: the source's RGBA at `sourceAddress`, then the scratch
// buffers of one resize, then its output. Nothing is freed; memory grows to the largest call and stays.

import { align, base, ensure, SLACK } from '../../assembly/memory';

const SHIFT: i32 = 12;
const ROUND: i32 = 1 << (SHIFT - 1);
const PHASES: i32 = 64;
let sourceBytes: usize = 0;

/** Where the caller writes the source's RGBA (`bytes` long); the address stays until a larger source. */
export function sourceAddress(bytes: usize): usize {
  sourceBytes = bytes;
  ensure(base + align(bytes) + SLACK);
  return base;
}

function sinc(x: f64): f64 {
  if (x == 0.0) return 1.0;
  const px = x * Math.PI;
  return Math.sin(px) / px;
}

function lanczos3(x: f64): f64 {
  return x >= -3.0 && x <= 3.0 ? sinc(x) * sinc(x / 3.0) : 0.0;
}

/** vips_reduce_get_points for Lanczos3. */
function taps(shrink: f64): i32 {
  return 2 * <i32>nearest(3.0 * shrink) + 1;
}

/** `padded` i16 coefficients for each of the 65 phases, as calculate_coefficients and `(short)(c * 4096)`. */
function masks(at: usize, n: i32, padded: i32, shrink: f64): void {
  const half0 = <f64>n / 2.0 - 1.0;
  for (let phase = 0; phase <= PHASES; phase++) {
    const row = at + <usize>(phase * padded * 2);
    const x = <f64>(<f32>phase / <f32>PHASES);
    const half = x + half0;
    let sum = 0.0;
    for (let i = 0; i < n; i++) sum += lanczos3((<f64>i - half) / shrink);
    for (let i = 0; i < padded; i++) {
      const c = i < n ? lanczos3((<f64>i - half) / shrink) / sum : 0.0;
      store<i16>(row + <usize>(i * 2), <i16>(<i32>(c * <f64>(1 << SHIFT))));
    }
  }
}

/** vips's table index for a sampling position: the nearest 1/64 of a pixel, rounded up at a half. */
function phaseOf(position: f64): i32 {
  const scaled = <i32>(position * <f64>(PHASES * 2));
  return ((scaled & (PHASES * 2 - 1)) + 1) >> 1;
}

function clampIndex(value: i32, last: i32): i32 {
  return value < 0 ? 0 : value > last ? last : value;
}

/**
 * vips_shrinkv with `ceil`: `factor` rows averaged into one, the last block padded with copies of the last row,
 * as `(sum + factor / 2) * floor(2^32 / (256 * factor)) >> 24` in 32 bits. 16 bytes a step: up to 12 bytes past
 * a row are read and written, into the next row or the slack.
 */
function shrinkRows(src: usize, stride: i32, rows: i32, bytes: i32, factor: i32, out: usize): i32 {
  const outRows = (rows + factor - 1) / factor;
  const multiplier = i32x4.splat(<i32>(<u32>(<u64>0x100000000 / <u64>(256 * factor))));
  const amend = i32x4.splat(factor / 2);
  for (let y = 0; y < outRows; y++) {
    const q = out + <usize>(y * bytes);
    for (let x = 0; x < bytes; x += 16) {
      let s0 = amend;
      let s1 = amend;
      let s2 = amend;
      let s3 = amend;
      for (let k = 0; k < factor; k++) {
        const row = clampIndex(y * factor + k, rows - 1);
        const pixels = v128.load(src + <usize>(row * stride + x));
        const low = i16x8.extend_low_i8x16_u(pixels);
        const high = i16x8.extend_high_i8x16_u(pixels);
        s0 = i32x4.add(s0, i32x4.extend_low_i16x8_u(low));
        s1 = i32x4.add(s1, i32x4.extend_high_i16x8_u(low));
        s2 = i32x4.add(s2, i32x4.extend_low_i16x8_u(high));
        s3 = i32x4.add(s3, i32x4.extend_high_i16x8_u(high));
      }
      const v0 = i32x4.shr_u(i32x4.mul(s0, multiplier), 24);
      const v1 = i32x4.shr_u(i32x4.mul(s1, multiplier), 24);
      const v2 = i32x4.shr_u(i32x4.mul(s2, multiplier), 24);
      const v3 = i32x4.shr_u(i32x4.mul(s3, multiplier), 24);
      v128.store(
        q + <usize>x,
        i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(v0, v1), i16x8.narrow_i32x4_s(v2, v3))
      );
    }
  }
  return outRows;
}

/** vips_shrinkh with `ceil` on one row of `pixels` RGBA pixels, into `out`. */
function shrinkRow(src: usize, pixels: i32, factor: i32, out: usize): void {
  const outPixels = (pixels + factor - 1) / factor;
  const multiplier = i32x4.splat(<i32>(<u32>(<u64>0x100000000 / <u64>(256 * factor))));
  const amend = i32x4.splat(factor / 2);
  for (let x = 0; x < outPixels; x++) {
    let sum = amend;
    for (let k = 0; k < factor; k++) {
      const index = clampIndex(x * factor + k, pixels - 1);
      const pixel = v128.load32_zero(src + <usize>(index * 4));
      sum = i32x4.add(sum, i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(pixel)));
    }
    const value = i32x4.shr_u(i32x4.mul(sum, multiplier), 24);
    const packed = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(value, value), i16x8.splat(0));
    v128.store32_lane(out + <usize>(x * 4), packed, 0);
  }
}

/** The 12-bit fixed-point sums of reducev/reduceh: + 2048, >> 12, saturated to 0–255. */
function finish(a: v128, b: v128, c: v128, d: v128): v128 {
  const round = i32x4.splat(ROUND);
  return i8x16.narrow_i16x8_u(
    i16x8.narrow_i32x4_s(i32x4.shr_s(i32x4.add(a, round), SHIFT), i32x4.shr_s(i32x4.add(b, round), SHIFT)),
    i16x8.narrow_i32x4_s(i32x4.shr_s(i32x4.add(c, round), SHIFT), i32x4.shr_s(i32x4.add(d, round), SHIFT))
  );
}

/**
 * vips_reducev: `outRows` rows of `bytes` bytes from `rows` rows at `src`. Rows are read in pairs, their bytes
 * interleaved and multiplied by a pair of coefficients in one i16 dot product, as libvips's Highway path does.
 */
function reduceRows(
  src: usize,
  stride: i32,
  rows: i32,
  bytes: i32,
  outRows: i32,
  shrink: f64,
  offset: f64,
  out: usize,
  scratch: usize
): void {
  const n = taps(shrink);
  const padded = (n + 1) & ~1;
  const coefficients = scratch;
  masks(coefficients, n, padded, shrink);
  const pointers = coefficients + align(<usize>((PHASES + 1) * padded * 2));
  const before = (n - 1) >> 1;
  let position = 0.5 * shrink - 0.5 - offset;
  for (let y = 0; y < outRows; y++) {
    const top = <i32>position;
    const k = coefficients + <usize>(phaseOf(position) * padded * 2);
    for (let i = 0; i < padded; i++) {
      const row = clampIndex(top + (i < n ? i : n - 1) - before, rows - 1);
      store<u32>(pointers + <usize>(i * 4), <u32>(src + <usize>(row * stride)));
    }
    const q = out + <usize>(y * bytes);
    // 32 bytes a step: the row addresses and coefficients loaded once serve two vectors.
    for (let x = 0; x < bytes; x += 32) {
      let s0 = i32x4.splat(0);
      let s1 = s0;
      let s2 = s0;
      let s3 = s0;
      let s4 = s0;
      let s5 = s0;
      let s6 = s0;
      let s7 = s0;
      for (let i = 0; i < padded; i += 2) {
        const pair = i32x4.splat(load<i32>(k + <usize>(i * 2)));
        const upperRow = <usize>load<u32>(pointers + <usize>(i * 4)) + <usize>x;
        const lowerRow = <usize>load<u32>(pointers + <usize>(i * 4 + 4)) + <usize>x;
        let upper = v128.load(upperRow);
        let lower = v128.load(lowerRow);
        let low = i8x16.shuffle(upper, lower, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        let high = i8x16.shuffle(upper, lower, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        s0 = i32x4.add(s0, i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(low), pair));
        s1 = i32x4.add(s1, i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(low), pair));
        s2 = i32x4.add(s2, i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(high), pair));
        s3 = i32x4.add(s3, i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(high), pair));
        upper = v128.load(upperRow, 16);
        lower = v128.load(lowerRow, 16);
        low = i8x16.shuffle(upper, lower, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        high = i8x16.shuffle(upper, lower, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        s4 = i32x4.add(s4, i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(low), pair));
        s5 = i32x4.add(s5, i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(low), pair));
        s6 = i32x4.add(s6, i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(high), pair));
        s7 = i32x4.add(s7, i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(high), pair));
      }
      v128.store(q + <usize>x, finish(s0, s1, s2, s3));
      v128.store(q + <usize>x, finish(s4, s5, s6, s7), 16);
    }
    position += shrink;
  }
}

/**
 * Where each output column reads, the same on every row: at `columns + x * 8` the byte offset of its first tap
 * in a padded row and the address of its coefficients, each pair splatted over a vector (see `splatted`).
 * Three extra columns repeat the last, for `reduceRow`'s four-pixel steps.
 */
function columnTable(
  columns: usize,
  outPixels: i32,
  padded: i32,
  shrink: f64,
  offset: f64,
  splattedAt: usize
): void {
  // Accumulated as vips_reduceh does, so the rounding of the positions is the same.
  let position = 0.5 * shrink - 0.5 - offset;
  for (let x = 0; x < outPixels; x++) {
    store<u32>(columns + <usize>(x * 8), <u32>(<i32>position * 4));
    store<u32>(columns + <usize>(x * 8 + 4), <u32>(splattedAt + <usize>(phaseOf(position) * padded * 8)));
    position += shrink;
  }
  const last = load<u64>(columns + <usize>((outPixels - 1) * 8));
  for (let x = outPixels; x < outPixels + 3; x++) store<u64>(columns + <usize>(x * 8), last);
}

/** The coefficient table again with each i16 pair repeated over a vector, for the dot products. */
function splatted(coefficients: usize, padded: i32, out: usize): void {
  for (let i = 0; i < ((PHASES + 1) * padded) / 2; i++) {
    v128.store(out + <usize>(i * 16), i32x4.splat(load<i32>(coefficients + <usize>(i * 4))));
  }
}

/** One output pixel's four channel sums: four taps a step, two pixels' RGBA interleaved per coefficient pair. */
function taps4(row: usize, column: usize, padded: i32): v128 {
  const zero = i32x4.splat(0);
  const p = row + <usize>load<u32>(column);
  const k = <usize>load<u32>(column, 4);
  let sum = zero;
  for (let i = 0; i < padded; i += 4) {
    const pixels = v128.load(p + <usize>(i * 4));
    const low = i8x16.shuffle(pixels, zero, 0, 16, 4, 16, 1, 16, 5, 16, 2, 16, 6, 16, 3, 16, 7, 16);
    const high = i8x16.shuffle(pixels, zero, 8, 16, 12, 16, 9, 16, 13, 16, 10, 16, 14, 16, 11, 16, 15, 16);
    sum = i32x4.add(sum, i32x4.dot_i16x8_s(low, v128.load(k + <usize>(i * 8))));
    sum = i32x4.add(sum, i32x4.dot_i16x8_s(high, v128.load(k + <usize>(i * 8 + 16))));
  }
  return sum;
}

/**
 * vips_reduceh on one padded row (`row[before + i]` is pixel i, edge pixels repeated either side) into `out`,
 * four pixels a store: up to three pixels past the row's end are written, into the next row or the slack.
 */
function reduceRow(row: usize, outPixels: i32, padded: i32, columns: usize, out: usize): void {
  const alpha = i32x4.splat(<i32>0xff000000);
  for (let x = 0; x < outPixels; x += 4) {
    const column = columns + <usize>(x * 8);
    const a = taps4(row, column, padded);
    const b = taps4(row, column + 8, padded);
    const c = taps4(row, column + 16, padded);
    const d = taps4(row, column + 24, padded);
    v128.store(out + <usize>(x * 4), v128.or(finish(a, b, c, d), alpha));
  }
}

/** Copies `pixels` RGBA pixels to `out + before` pixels and repeats the edge pixels `before` / `after` times. */
function padRow(src: usize, pixels: i32, before: i32, after: i32, out: usize): void {
  memory.copy(out + <usize>(before * 4), src, <usize>(pixels * 4));
  const first = load<u32>(src);
  const last = load<u32>(src + <usize>((pixels - 1) * 4));
  for (let i = 0; i < before; i++) store<u32>(out + <usize>(i * 4), first);
  const end = out + <usize>((before + pixels) * 4);
  for (let i = 0; i < after; i++) store<u32>(end + <usize>(i * 4), last);
}

/**
 * The crop (`left`, `top`, `width`×`height`) of the source (`sourceWidth` wide, at `sourceAddress`) resized to
 * `outWidth`×`outHeight` RGBA with opaque alpha; returns the output's address, or 0 when an axis would grow.
 */
export function resize(
  sourceWidth: i32,
  left: i32,
  top: i32,
  width: i32,
  height: i32,
  outWidth: i32,
  outHeight: i32
): usize {
  // sharp passes 1 / (width / outWidth) as the scale; vips_resize hands the reduces 1 / scale.
  const vshrink = 1.0 / (1.0 / (<f64>height / <f64>outHeight));
  const hshrink = 1.0 / (1.0 / (<f64>width / <f64>outWidth));
  if (vshrink < 1.0 || hshrink < 1.0) return 0;
  // vips_reduceh/v size their output as round(size / shrink); the sampling positions below assume it.
  if (
    <i32>Math.round(<f64>height / vshrink) != outHeight ||
    <i32>Math.round(<f64>width / hshrink) != outWidth
  )
    return 0;
  const bytes = width * 4;
  let scratch = base + align(sourceBytes) + SLACK;

  // Vertical: box shrink, then Lanczos3 (vips_reducev with gap 2).
  let src = base + <usize>((top * sourceWidth + left) * 4);
  let stride = sourceWidth * 4;
  let rows = height;
  let shrink = vshrink;
  let extra = <f64>outHeight * vshrink - <f64>height;
  const vfactor = max(1, <i32>Math.floor(<f64>height / <f64>outHeight / 2.0));
  if (vfactor > 1) {
    const shrunk = scratch;
    ensure(shrunk + <usize>((height / vfactor + 1) * bytes) + SLACK);
    rows = shrinkRows(src, stride, height, bytes, vfactor, shrunk);
    scratch = align(shrunk + <usize>(rows * bytes) + SLACK);
    src = shrunk;
    stride = bytes;
    shrink /= <f64>vfactor;
    extra /= <f64>vfactor;
  }
  if (shrink != 1.0) {
    const reduced = scratch;
    const tables = align(reduced + <usize>(outHeight * bytes) + SLACK);
    ensure(tables + <usize>((PHASES + 1) * (taps(shrink) + 1) * 2 + 64 + (taps(shrink) + 1) * 4) + SLACK);
    reduceRows(src, stride, rows, bytes, outHeight, shrink, (1.0 + extra) / 2.0 - 1.0, reduced, tables);
    scratch = tables;
    src = reduced;
    stride = bytes;
  }

  // Horizontal: box shrink, then Lanczos3 (vips_reduceh with gap 2), one row at a time.
  const hfactor = max(1, <i32>Math.floor(<f64>width / <f64>outWidth / 2.0));
  const pixels = (width + hfactor - 1) / hfactor;
  shrink = hshrink / <f64>hfactor;
  const offset = (1.0 + (<f64>outWidth * hshrink - <f64>width) / <f64>hfactor) / 2.0 - 1.0;
  const n = shrink != 1.0 ? taps(shrink) : 1;
  const padded = (n + 3) & ~3;
  const before = (n - 1) >> 1;
  const coefficients = scratch;
  const splattedAt = align(coefficients + <usize>((PHASES + 1) * padded * 2));
  const columns = align(splattedAt + <usize>((PHASES + 1) * padded * 8));
  const shrunkRow = align(columns + <usize>((outWidth + 4) * 8));
  const paddedRow = align(shrunkRow + <usize>(pixels * 4) + SLACK);
  const out = align(paddedRow + <usize>((pixels + n + padded + 8) * 4) + SLACK);
  ensure(out + <usize>(outWidth * outHeight * 4) + SLACK);
  if (shrink != 1.0) {
    masks(coefficients, n, padded, shrink);
    splatted(coefficients, padded, splattedAt);
    columnTable(columns, outWidth, padded, shrink, offset, splattedAt);
  }
  for (let y = 0; y < outHeight; y++) {
    let row = src + <usize>(y * stride);
    if (hfactor > 1) {
      shrinkRow(row, width, hfactor, shrunkRow);
      row = shrunkRow;
    }
    const q = out + <usize>(y * outWidth * 4);
    if (shrink == 1.0) {
      for (let x = 0; x < outWidth; x++)
        store<u32>(q + <usize>(x * 4), load<u32>(row + <usize>(x * 4)) | 0xff000000);
    } else {
      padRow(row, pixels, before, n + padded + 8, paddedRow);
      reduceRow(paddedRow, outWidth, padded, columns, q);
    }
  }
  return out;
}
