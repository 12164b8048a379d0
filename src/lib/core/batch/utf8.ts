/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the bytes there are not UTF-8. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const [length, min, max] =
    b >= 0xc2 && b <= 0xdf
      ? [2, 0x80, 0xbf]
      : b === 0xe0
        ? [3, 0xa0, 0xbf]
        : b === 0xed
          ? [3, 0x80, 0x9f]
          : b >= 0xe1 && b <= 0xef
            ? [3, 0x80, 0xbf]
            : b === 0xf0
              ? [4, 0x90, 0xbf]
              : b === 0xf4
                ? [4, 0x80, 0x8f]
                : b >= 0xf1 && b <= 0xf3
                  ? [4, 0x80, 0xbf]
                  : [0, 0, 0];
  if (length === 0 || i + length > bytes.length) return 0;
  const second = bytes[i + 1]!;
  if (second < min || second > max) return 0;
  for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  return length;
}

export interface EncodingFault {
  /** 1-based line and column (in characters) of the first byte that is not UTF-8 on that line. */
  line: number;
  column: number;
  byte: number;
}

/** The first non-UTF-8 byte of every line that has one (a Latin-1 or Windows-1252 export, typically). */
export function findEncodingFaults(bytes: Uint8Array): EncodingFault[] {
  const faults: EncodingFault[] = [];
  let line = 1;
  let column = 1;
  let faultyLine = 0;
  for (let i = 0; i < bytes.length;) {
    if (bytes[i] === 0x0a) {
      line++;
      column = 1;
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      if (faultyLine !== line) faults.push({ line, column, byte: bytes[i]! });
      faultyLine = line;
      i++;
    } else i += length;
    column++;
  }
  return faults;
}
