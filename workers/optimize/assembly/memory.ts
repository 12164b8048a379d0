// The memory plan both WebAssembly modules of the optimizer share (compiled into each): their buffers are laid
// out from `base` by hand and kept between calls, nothing is freed, and memory grows to the largest call.

/** Bytes read past the end of a row by a 16-byte load, and kept free after every buffer. */
export const SLACK: usize = 64;

/** The first address above the module's static data. */
export const base: usize = (__heap_base + 63) & ~(63 as usize);

/** `value` rounded up to a cache line. */
export function align(value: usize): usize {
  return (value + 63) & ~(63 as usize);
}

/** Grows memory to hold `end` bytes; traps when the browser refuses. */
export function ensure(end: usize): void {
  const pages = <i32>((end + 0xffff) >> 16);
  const have = memory.size();
  if (pages > have && memory.grow(pages - have) < 0) unreachable();
}
