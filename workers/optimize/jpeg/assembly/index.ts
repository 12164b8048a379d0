// A baseline JPEG encoder for opaque RGBA with WebAssembly SIMD, written to give what libjpeg gives for
// `jpeg_set_quality(q)` with optimised Huffman tables (what Chromium's canvas encoder and sharp write): the
// IJG quantisation tables scaled by quality, YCbCr 4:2:0 with libjpeg's coefficients and its box downsampling,
// libjpeg's float AAN DCT, and Huffman tables built from the image's own symbol counts (jpeg_gen_optimal_table).
//
// Memory is laid out here and kept between calls, so an encode touches no new memory once the worker has
// encoded its largest output: the caller's RGBA at `inputAddress`, then one strip of planes (16 rows), the
// symbols of the whole image (the first pass counts them, the second writes the Huffman codes) and the output.

import { align, base, ensure, SLACK } from '../../assembly/memory';

/** Where the caller writes `width × height` RGBA; the address stays for every size. */
export function inputAddress(width: i32, height: i32): usize {
  ensure(base + align(<usize>width * <usize>height * 4) + SLACK);
  return base;
}

// Annex K's tables in natural (row-major) order.
const LUMA: StaticArray<u8> = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22,
  29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103,
  121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99
];
const CHROMA: StaticArray<u8> = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99
];
/** Natural index of each zigzag position. */
const ZIGZAG: StaticArray<u8> = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7,
  14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46,
  53, 60, 61, 54, 47, 55, 62, 63
];
const AAN: StaticArray<f64> = [
  1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.5411961, 0.275899379
];

// Static memory (below the heap, which holds the buffers): nothing here allocates at run time.
/** The two quantisation tables of the current quality (u8, natural order), set by `tables`. */
const quant = memory.data(128);
/** f32 divisors by stored position (the DCT leaves the block transposed: stored v·8+u holds natural u·8+v). */
const divisors = memory.data(128 * 4, 16);
/** Stored position (u8) of each zigzag position. */
const storedAt = memory.data(64);
/** Zigzag position (u8) of each stored position. */
const zigzagOf = memory.data(64);
/** For each byte j of a block's nonzero mask in stored order, that byte's bits as a mask in zigzag order (u64). */
const toZigzag = memory.data(8 * 256 * 8, 8);
let tablesQuality = -1;
let orderReady = false;

function tables(quality: i32): void {
  if (quality == tablesQuality) return;
  tablesQuality = quality;
  const q = quality < 1 ? 1 : quality > 100 ? 100 : quality;
  const scale = q < 50 ? 5000 / q : 200 - q * 2;
  for (let t = 0; t < 2; t++) {
    for (let n = 0; n < 64; n++) {
      const basic = <i32>(t == 0 ? unchecked(LUMA[n]) : unchecked(CHROMA[n]));
      let value = (basic * scale + 50) / 100;
      value = value < 1 ? 1 : value > 255 ? 255 : value;
      store<u8>(quant + <usize>(t * 64 + n), <u8>value);
      const u = n >> 3;
      const v = n & 7;
      const divisor = 1.0 / (<f64>value * unchecked(AAN[u]) * unchecked(AAN[v]) * 8.0);
      store<f32>(divisors + <usize>((t * 64 + v * 8 + u) * 4), <f32>divisor);
    }
  }
  if (orderReady) return;
  orderReady = true;
  for (let k = 0; k < 64; k++) {
    const n = <i32>unchecked(ZIGZAG[k]);
    store<u8>(storedAt + <usize>k, <u8>((n & 7) * 8 + (n >> 3)));
    store<u8>(zigzagOf + <usize>((n & 7) * 8 + (n >> 3)), <u8>k);
  }
  for (let j = 0; j < 8; j++) {
    for (let b = 0; b < 256; b++) {
      let mask: u64 = 0;
      for (let i = 0; i < 8; i++) {
        if (b & (1 << i)) mask |= (<u64>1) << (<u64>load<u8>(zigzagOf + <usize>(j * 8 + i)));
      }
      store<u64>(toZigzag + <usize>((j * 256 + b) * 8), mask);
    }
  }
}

/**
 * One row of RGBA to Y, Cb and Cr at full resolution, 16 pixels a step (up to 15 read past the row: the input
 * or the slack), as libjpeg's coefficients in Q15 on values scaled by 128, rounded; the row's right edge is
 * repeated to `padded`.
 */
function convertRow(src: usize, width: i32, padded: i32, y: usize, cb: usize, cr: usize): void {
  const yr = i16x8.splat(9798);
  const yg = i16x8.splat(19235);
  const yb = i16x8.splat(3735);
  const cbr = i16x8.splat(-5529);
  const cbg = i16x8.splat(-10855);
  const half = i16x8.splat(16384);
  const crg = i16x8.splat(-13720);
  const crb = i16x8.splat(-2664);
  const round = i16x8.splat(64);
  const offset = i16x8.splat((128 << 7) + 64);
  for (let x = 0; x < width; x += 16) {
    const p = src + <usize>(x * 4);
    let lowY = i16x8.splat(0);
    let lowCb = lowY;
    let lowCr = lowY;
    for (let part = 0; part < 2; part++) {
      const a = v128.load(p + <usize>(part * 32));
      const b = v128.load(p + <usize>(part * 32 + 16));
      const rg = i8x16.shuffle(a, b, 0, 4, 8, 12, 16, 20, 24, 28, 1, 5, 9, 13, 17, 21, 25, 29);
      const bx = i8x16.shuffle(a, b, 2, 6, 10, 14, 18, 22, 26, 30, 2, 6, 10, 14, 18, 22, 26, 30);
      const r = i16x8.shl(i16x8.extend_low_i8x16_u(rg), 7);
      const g = i16x8.shl(i16x8.extend_high_i8x16_u(rg), 7);
      const bl = i16x8.shl(i16x8.extend_low_i8x16_u(bx), 7);
      const yy = i16x8.shr_u(
        i16x8.add(
          i16x8.add(i16x8.q15mulr_sat_s(r, yr), i16x8.q15mulr_sat_s(g, yg)),
          i16x8.add(i16x8.q15mulr_sat_s(bl, yb), round)
        ),
        7
      );
      const bb = i16x8.shr_u(
        i16x8.add(
          i16x8.add(i16x8.q15mulr_sat_s(r, cbr), i16x8.q15mulr_sat_s(g, cbg)),
          i16x8.add(i16x8.q15mulr_sat_s(bl, half), offset)
        ),
        7
      );
      const rr = i16x8.shr_u(
        i16x8.add(
          i16x8.add(i16x8.q15mulr_sat_s(r, half), i16x8.q15mulr_sat_s(g, crg)),
          i16x8.add(i16x8.q15mulr_sat_s(bl, crb), offset)
        ),
        7
      );
      if (part == 0) {
        lowY = yy;
        lowCb = bb;
        lowCr = rr;
      } else {
        v128.store(y + <usize>x, i8x16.narrow_i16x8_u(lowY, yy));
        v128.store(cb + <usize>x, i8x16.narrow_i16x8_u(lowCb, bb));
        v128.store(cr + <usize>x, i8x16.narrow_i16x8_u(lowCr, rr));
      }
    }
  }
  const last = <usize>(width - 1);
  const ly = load<u8>(y + last);
  const lb = load<u8>(cb + last);
  const lr = load<u8>(cr + last);
  for (let x = <usize>width; x < <usize>padded; x++) {
    store<u8>(y + x, ly);
    store<u8>(cb + x, lb);
    store<u8>(cr + x, lr);
  }
}

/** libjpeg's h2v2 downsampling: each 2×2 averaged, rounding with a bias alternating 1, 2 (16 outputs a step). */
function downsample(src: usize, stride: i32, out: usize, outWidth: i32): void {
  const bias = i16x8.shuffle(i16x8.splat(1), i16x8.splat(2), 0, 8, 1, 9, 2, 10, 3, 11);
  for (let x = 0; x < outWidth; x += 16) {
    const top = src + <usize>(x * 2);
    const bottom = top + <usize>stride;
    const s0 = i16x8.add(
      i16x8.extadd_pairwise_i8x16_u(v128.load(top)),
      i16x8.extadd_pairwise_i8x16_u(v128.load(bottom))
    );
    const s1 = i16x8.add(
      i16x8.extadd_pairwise_i8x16_u(v128.load(top, 16)),
      i16x8.extadd_pairwise_i8x16_u(v128.load(bottom, 16))
    );
    v128.store(
      out + <usize>x,
      i8x16.narrow_i16x8_u(i16x8.shr_u(i16x8.add(s0, bias), 2), i16x8.shr_u(i16x8.add(s1, bias), 2))
    );
  }
}

/** 8 rows of 8 samples as two f32x4 halves each, in `rows` (16 vectors), before the DCT. */
const rows = memory.data(16 * 16, 16);
/** The quantised block, i16 in stored order. */
const block = memory.data(128, 16);
/** A quadrant on its way across the transpose. */
const quadrant = memory.data(64, 16);

function dct8(at: usize): void {
  // jfdctflt.c's 1-D AAN DCT across 8 vectors 32 bytes apart (the 8 rows of one half, or after the transpose,
  // the 8 columns), 4 lanes at a time.
  const d0 = v128.load(at);
  const d1 = v128.load(at, 32);
  const d2 = v128.load(at, 64);
  const d3 = v128.load(at, 96);
  const d4 = v128.load(at, 128);
  const d5 = v128.load(at, 160);
  const d6 = v128.load(at, 192);
  const d7 = v128.load(at, 224);
  const tmp0 = f32x4.add(d0, d7);
  const tmp7 = f32x4.sub(d0, d7);
  const tmp1 = f32x4.add(d1, d6);
  const tmp6 = f32x4.sub(d1, d6);
  const tmp2 = f32x4.add(d2, d5);
  const tmp5 = f32x4.sub(d2, d5);
  const tmp3 = f32x4.add(d3, d4);
  const tmp4 = f32x4.sub(d3, d4);
  const tmp10 = f32x4.add(tmp0, tmp3);
  const tmp13 = f32x4.sub(tmp0, tmp3);
  const tmp11 = f32x4.add(tmp1, tmp2);
  const tmp12 = f32x4.sub(tmp1, tmp2);
  v128.store(at, f32x4.add(tmp10, tmp11));
  v128.store(at, f32x4.sub(tmp10, tmp11), 128);
  const z1 = f32x4.mul(f32x4.add(tmp12, tmp13), f32x4.splat(0.707106781));
  v128.store(at, f32x4.add(tmp13, z1), 64);
  v128.store(at, f32x4.sub(tmp13, z1), 192);
  const o10 = f32x4.add(tmp4, tmp5);
  const o11 = f32x4.add(tmp5, tmp6);
  const o12 = f32x4.add(tmp6, tmp7);
  const z5 = f32x4.mul(f32x4.sub(o10, o12), f32x4.splat(0.382683433));
  const z2 = f32x4.add(f32x4.mul(o10, f32x4.splat(0.5411961)), z5);
  const z4 = f32x4.add(f32x4.mul(o12, f32x4.splat(1.306562965)), z5);
  const z3 = f32x4.mul(o11, f32x4.splat(0.707106781));
  const z11 = f32x4.add(tmp7, z3);
  const z13 = f32x4.sub(tmp7, z3);
  v128.store(at, f32x4.add(z13, z2), 160);
  v128.store(at, f32x4.sub(z13, z2), 96);
  v128.store(at, f32x4.add(z11, z4), 32);
  v128.store(at, f32x4.sub(z11, z4), 224);
}

function transpose4(
  a: usize,
  b: usize,
  c: usize,
  d: usize,
  oa: usize,
  ob: usize,
  oc: usize,
  od: usize
): void {
  const va = v128.load(a);
  const vb = v128.load(b);
  const vc = v128.load(c);
  const vd = v128.load(d);
  const t0 = i32x4.shuffle(va, vb, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(va, vb, 2, 6, 3, 7);
  const t2 = i32x4.shuffle(vc, vd, 0, 4, 1, 5);
  const t3 = i32x4.shuffle(vc, vd, 2, 6, 3, 7);
  v128.store(oa, i32x4.shuffle(t0, t2, 0, 1, 4, 5));
  v128.store(ob, i32x4.shuffle(t0, t2, 2, 3, 6, 7));
  v128.store(oc, i32x4.shuffle(t1, t3, 0, 1, 4, 5));
  v128.store(od, i32x4.shuffle(t1, t3, 2, 3, 6, 7));
}

/**
 * The 8×8 samples at `src` (row stride `stride`) through the DCT and quantised by `table`'s divisors, into
 * `block` as i16 in stored (transposed) order; returns the nonzero coefficients' mask in zigzag order.
 */
function transform(src: usize, stride: i32, table: i32): u64 {
  for (let r = 0; r < 8; r++) {
    const samples = i16x8.extend_low_i8x16_u(v128.load64_zero(src + <usize>(r * stride)));
    v128.store(rows + <usize>(r * 32), f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(samples)));
    v128.store(rows + <usize>(r * 32 + 16), f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(samples)));
  }
  dct8(rows);
  dct8(rows + 16);
  // Transpose in place: quadrants (rows 0–3, cols 4–7) and (rows 4–7, cols 0–3) swap.
  const at = rows;
  transpose4(at, at + 32, at + 64, at + 96, at, at + 32, at + 64, at + 96);
  transpose4(at + 144, at + 176, at + 208, at + 240, at + 144, at + 176, at + 208, at + 240);
  transpose4(at + 16, at + 48, at + 80, at + 112, quadrant, quadrant + 16, quadrant + 32, quadrant + 48);
  transpose4(at + 128, at + 160, at + 192, at + 224, at + 16, at + 48, at + 80, at + 112);
  v128.store(at + 128, v128.load(quadrant));
  v128.store(at + 160, v128.load(quadrant + 16));
  v128.store(at + 192, v128.load(quadrant + 32));
  v128.store(at + 224, v128.load(quadrant + 48));
  dct8(rows);
  dct8(rows + 16);
  // The level shift (−128 a sample) only moves the DC: 64 × 128 in the unscaled sum.
  v128.store(rows, f32x4.sub(v128.load(rows), f32x4(8192.0, 0.0, 0.0, 0.0)));
  const divisor = divisors + <usize>(table * 256);
  let mask: u64 = 0;
  for (let v = 0; v < 8; v += 2) {
    const q0 = quantise(rows + <usize>(v * 32), divisor + <usize>(v * 32));
    const q1 = quantise(rows + <usize>(v * 32 + 32), divisor + <usize>(v * 32 + 32));
    v128.store(block + <usize>(v * 16), q0);
    v128.store(block + <usize>(v * 16 + 16), q1);
    const nonzero = i8x16.ne(i8x16.narrow_i16x8_s(q0, q1), i8x16.splat(0));
    mask |= (<u64>i8x16.bitmask(nonzero)) << (<u64>v * 8);
  }
  let zigzag: u64 = 0;
  for (let j = 0; j < 8; j++) {
    zigzag |= load<u64>(toZigzag + <usize>((j * 256 + <i32>((mask >> (<u64>j * 8)) & 255)) * 8));
  }
  return zigzag;
}

function quantise(at: usize, divisor: usize): v128 {
  const low = i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.mul(v128.load(at), v128.load(divisor))));
  const high = i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.mul(v128.load(at, 16), v128.load(divisor, 16))));
  return i16x8.narrow_i32x4_s(low, high);
}

// Symbols: one u32 each, the symbol in bits 0–7, its table in 8–9 (0 DC luma, 1 AC luma, 2 DC chroma, 3 AC
// chroma), its extra bits from 16.
/** Each table's symbol counts (u32, 257 a table). */
const counts = memory.data(4 * 257 * 4, 4);
let symbols: usize = 0;
let symbolCount: usize = 0;

function symbol(table: i32, value: i32, size: i32, run: i32): void {
  const sym = (run << 4) | size;
  const bits = (value - (value >>> 31)) & ((1 << size) - 1);
  store<u32>(symbols + (symbolCount << 2), <u32>(sym | (table << 8) | (bits << 16)));
  symbolCount++;
  const count = counts + <usize>((table * 257 + sym) * 4);
  store<u32>(count, load<u32>(count) + 1);
}

function sizeOf(value: i32): i32 {
  const magnitude = value < 0 ? -value : value;
  return magnitude == 0 ? 0 : 32 - clz(magnitude);
}

/** The symbols of the block in `block` whose zigzag nonzero mask is `mask`; returns its DC for the next one. */
function blockSymbols(mask: u64, table: i32, previousDc: i32): i32 {
  const dc = <i32>load<i16>(block);
  const diff = dc - previousDc;
  symbol(table, diff, sizeOf(diff), 0);
  let rest = mask & ~(<u64>1);
  let last: i32 = 0;
  while (rest != 0) {
    const k = <i32>ctz(rest);
    let run = k - last - 1;
    while (run >= 16) {
      symbol(table + 1, 0, 0, 15);
      run -= 16;
    }
    const value = <i32>load<i16>(block + ((<usize>load<u8>(storedAt + <usize>k)) << 1));
    symbol(table + 1, value, sizeOf(value), run);
    last = k;
    rest &= rest - 1;
  }
  if (last != 63) symbol(table + 1, 0, 0, 0);
  return dc;
}

// Huffman tables built by `optimalTable`: for each table the DHT's 16 counts (u8, 17 a table: index 0 unused)
// and its symbols (u8, 256 a table), and the codes.
const bitsOf = memory.data(4 * 17);
const valuesOf = memory.data(4 * 256);
const valueCount = memory.data(4 * 4, 4);
/** Code << 8 | length (u32), by table·256 + symbol. */
const codes = memory.data(4 * 256 * 4, 4);
// optimalTable's working arrays (i64, i32, i32, i32 by index): a code length can pass 32 before the lengths are
// limited to 16, but not 257.
const frequency = memory.data(257 * 8, 8);
const codeSize = memory.data(257 * 4, 4);
const others = memory.data(257 * 4, 4);
const lengths = memory.data(258 * 4, 4);

function at32(array: usize, index: i32): usize {
  return array + ((<usize>index) << 2);
}

/** jpeg_gen_optimal_table and jpeg_make_c_derived_tbl: code lengths of at most 16 bits from the counts. */
function optimalTable(table: i32): void {
  for (let i = 0; i < 256; i++) {
    store<i64>(frequency + ((<usize>i) << 3), <i64>load<u32>(at32(counts, table * 257 + i)));
  }
  // A symbol that never occurs, so no code is all ones.
  store<i64>(frequency + (256 << 3), 1);
  memory.fill(codeSize, 0, 257 * 4);
  memory.fill(others, 0xff, 257 * 4);
  memory.fill(lengths, 0, 258 * 4);
  for (;;) {
    // The two smallest nonzero counts, the larger symbol on a tie.
    let c1 = -1;
    let v: i64 = i64.MAX_VALUE;
    for (let i = 0; i <= 256; i++) {
      const f = load<i64>(frequency + ((<usize>i) << 3));
      if (f != 0 && f <= v) {
        v = f;
        c1 = i;
      }
    }
    let c2 = -1;
    v = i64.MAX_VALUE;
    for (let i = 0; i <= 256; i++) {
      const f = load<i64>(frequency + ((<usize>i) << 3));
      if (f != 0 && f <= v && i != c1) {
        v = f;
        c2 = i;
      }
    }
    if (c2 < 0) break;
    const f1 = frequency + ((<usize>c1) << 3);
    const f2 = frequency + ((<usize>c2) << 3);
    store<i64>(f1, load<i64>(f1) + load<i64>(f2));
    store<i64>(f2, 0);
    store<i32>(at32(codeSize, c1), load<i32>(at32(codeSize, c1)) + 1);
    while (load<i32>(at32(others, c1)) >= 0) {
      c1 = load<i32>(at32(others, c1));
      store<i32>(at32(codeSize, c1), load<i32>(at32(codeSize, c1)) + 1);
    }
    store<i32>(at32(others, c1), c2);
    store<i32>(at32(codeSize, c2), load<i32>(at32(codeSize, c2)) + 1);
    while (load<i32>(at32(others, c2)) >= 0) {
      c2 = load<i32>(at32(others, c2));
      store<i32>(at32(codeSize, c2), load<i32>(at32(codeSize, c2)) + 1);
    }
  }
  let longest = 0;
  for (let i = 0; i <= 256; i++) {
    const size = load<i32>(at32(codeSize, i));
    if (size == 0) continue;
    store<i32>(at32(lengths, size), load<i32>(at32(lengths, size)) + 1);
    if (size > longest) longest = size;
  }
  for (let i = longest; i > 16; i--) {
    while (load<i32>(at32(lengths, i)) > 0) {
      let j = i - 2;
      while (load<i32>(at32(lengths, j)) == 0) j--;
      store<i32>(at32(lengths, i), load<i32>(at32(lengths, i)) - 2);
      store<i32>(at32(lengths, i - 1), load<i32>(at32(lengths, i - 1)) + 1);
      store<i32>(at32(lengths, j + 1), load<i32>(at32(lengths, j + 1)) + 2);
      store<i32>(at32(lengths, j), load<i32>(at32(lengths, j)) - 1);
    }
  }
  // The never-occurring symbol leaves the longest length.
  let last = 16;
  while (load<i32>(at32(lengths, last)) == 0) last--;
  store<i32>(at32(lengths, last), load<i32>(at32(lengths, last)) - 1);
  for (let i = 1; i <= 16; i++) store<u8>(bitsOf + <usize>(table * 17 + i), <u8>load<i32>(at32(lengths, i)));
  // Symbols by their (unlimited) code length, as libjpeg lists them.
  let p = 0;
  for (let size = 1; size <= longest; size++) {
    for (let s = 0; s < 256; s++) {
      if (load<i32>(at32(codeSize, s)) == size) store<u8>(valuesOf + <usize>(table * 256 + p++), <u8>s);
    }
  }
  store<i32>(at32(valueCount, table), p);
  // Canonical codes, in the order of the symbols.
  let code: u32 = 0;
  let k = 0;
  for (let size = 1; size <= 16; size++) {
    const count = load<i32>(at32(lengths, size));
    for (let n = 0; n < count; n++) {
      const s = <i32>load<u8>(valuesOf + <usize>(table * 256 + k++));
      store<u32>(at32(codes, table * 256 + s), (code << 8) | (<u32>size));
      code++;
    }
    code <<= 1;
  }
}

let out: usize = 0;

function byte(value: i32): void {
  store<u8>(out++, <u8>value);
}

function word(value: i32): void {
  byte(value >> 8);
  byte(value);
}

function headers(width: i32, height: i32): void {
  word(0xffd8);
  // JFIF 1.01, no density (aspect 1:1).
  word(0xffe0);
  word(16);
  byte(0x4a);
  byte(0x46);
  byte(0x49);
  byte(0x46);
  byte(0);
  word(0x0101);
  byte(0);
  word(1);
  word(1);
  word(0);
  word(0xffdb);
  word(2 + 2 * 65);
  for (let t = 0; t < 2; t++) {
    byte(t);
    for (let k = 0; k < 64; k++) byte(<i32>load<u8>(quant + <usize>(t * 64 + <i32>unchecked(ZIGZAG[k]))));
  }
  word(0xffc0);
  word(17);
  byte(8);
  word(height);
  word(width);
  byte(3);
  for (let c = 1; c <= 3; c++) {
    byte(c);
    byte(c == 1 ? 0x22 : 0x11);
    byte(c == 1 ? 0 : 1);
  }
  for (let table = 0; table < 4; table++) {
    const count = load<i32>(at32(valueCount, table));
    word(0xffc4);
    word(2 + 17 + count);
    // Class (0 DC, 1 AC) and the destination (0 luma, 1 chroma).
    byte(((table & 1) << 4) | (table >> 1));
    for (let i = 1; i <= 16; i++) byte(<i32>load<u8>(bitsOf + <usize>(table * 17 + i)));
    for (let i = 0; i < count; i++) byte(<i32>load<u8>(valuesOf + <usize>(table * 256 + i)));
  }
  word(0xffda);
  word(12);
  byte(3);
  for (let c = 1; c <= 3; c++) {
    byte(c);
    byte(c == 1 ? 0x00 : 0x11);
  }
  byte(0);
  byte(63);
  byte(0);
}

/** The symbols as Huffman codes with their extra bits, 0xFF bytes stuffed, the last byte padded with ones. */
function entropy(): void {
  let acc: u64 = 0;
  let held: u64 = 0;
  for (let i: usize = 0; i < symbolCount; i++) {
    const s = load<u32>(symbols + (i << 2));
    const sym = s & 255;
    const table = (s >> 8) & 3;
    const entry = load<u32>(codes + ((<usize>((table << 8) | sym)) << 2));
    const extra = table & 1 ? sym & 15 : sym;
    const length = (entry & 255) + extra;
    acc = (acc << (<u64>length)) | (((<u64>(entry >> 8)) << (<u64>extra)) | (<u64>(s >> 16)));
    held += <u64>length;
    if (held >= 32) {
      held -= 32;
      const w = <u32>(acc >> held);
      // No 0xFF byte (a zero byte of ~w): four bytes at once.
      if (((~w - 0x01010101) & w & 0x80808080) == 0) {
        store<u32>(out, bswap<u32>(w));
        out += 4;
      } else {
        for (let shift = 24; shift >= 0; shift -= 8) {
          const b = (w >> shift) & 255;
          byte(b);
          if (b == 255) byte(0);
        }
      }
    }
  }
  const pad = (8 - <i32>(held & 7)) & 7;
  acc = (acc << (<u64>pad)) | (((<u64>1) << (<u64>pad)) - 1);
  held += <u64>pad;
  while (held > 0) {
    held -= 8;
    const b = <i32>((acc >> held) & 255);
    byte(b);
    if (b == 255) byte(0);
  }
  word(0xffd9);
}

let outputStart: usize = 0;

/** Where the last `encode`'s file starts. */
export function outputAddress(): usize {
  return outputStart;
}

/**
 * The RGBA at `inputAddress` (`width × height`, opaque: alpha is ignored) as a baseline JPEG of `quality`
 * (1–100); returns its length in bytes, at `outputAddress`.
 */
export function encode(width: i32, height: i32, quality: i32): i32 {
  tables(quality);
  const mcuColumns = (width + 15) >> 4;
  const mcuRows = (height + 15) >> 4;
  const padded = mcuColumns * 16;
  const stride = (padded + 31) & ~31;
  const chromaStride = stride >> 1;
  const input = base;
  const strip = input + align(<usize>width * <usize>height * 4) + SLACK;
  const yPlane = strip;
  const cbFull = yPlane + <usize>(stride * 16) + SLACK;
  const crFull = cbFull + <usize>(stride * 16) + SLACK;
  const cbPlane = crFull + <usize>(stride * 16) + SLACK;
  const crPlane = cbPlane + <usize>(chromaStride * 8) + SLACK;
  symbols = align(crPlane + <usize>(chromaStride * 8) + SLACK);
  // A block has at most 64 symbols (a DC, 63 ACs or runs of zeros, or fewer and an end of block).
  const blocks = <usize>(mcuColumns * mcuRows * 6);
  const symbolsEnd = symbols + blocks * 64 * 4;
  ensure(symbolsEnd + SLACK);
  symbolCount = 0;
  memory.fill(counts, 0, 4 * 257 * 4);
  let dcY = 0;
  let dcCb = 0;
  let dcCr = 0;
  for (let my = 0; my < mcuRows; my++) {
    for (let r = 0; r < 16; r++) {
      const row = min(my * 16 + r, height - 1);
      const at = <usize>(r * stride);
      convertRow(input + <usize>(row * width * 4), width, padded, yPlane + at, cbFull + at, crFull + at);
    }
    for (let r = 0; r < 8; r++) {
      const from = <usize>(r * 2 * stride);
      const to = <usize>(r * chromaStride);
      downsample(cbFull + from, stride, cbPlane + to, padded >> 1);
      downsample(crFull + from, stride, crPlane + to, padded >> 1);
    }
    for (let mx = 0; mx < mcuColumns; mx++) {
      const x = <usize>(mx * 16);
      dcY = blockSymbols(transform(yPlane + x, stride, 0), 0, dcY);
      dcY = blockSymbols(transform(yPlane + x + 8, stride, 0), 0, dcY);
      dcY = blockSymbols(transform(yPlane + x + <usize>(stride * 8), stride, 0), 0, dcY);
      dcY = blockSymbols(transform(yPlane + x + <usize>(stride * 8) + 8, stride, 0), 0, dcY);
      dcCb = blockSymbols(transform(cbPlane + (x >> 1), chromaStride, 1), 2, dcCb);
      dcCr = blockSymbols(transform(crPlane + (x >> 1), chromaStride, 1), 2, dcCr);
    }
  }
  for (let table = 0; table < 4; table++) optimalTable(table);
  // At most 32 bits a symbol, each byte possibly stuffed, and the headers.
  outputStart = align(symbols + symbolCount * 4);
  ensure(outputStart + symbolCount * 8 + 4096);
  out = outputStart;
  headers(width, height);
  entropy();
  return <i32>(out - outputStart);
}
