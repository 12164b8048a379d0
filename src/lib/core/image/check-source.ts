import type { DecodableFormat } from './format';
import { assertDecodable } from './decodable';
import { readHeaderSize } from './header';
import { assertIntact } from './integrity';
import { assertPixelBudget } from './limits';

/**
 * The checks every host runs before choosing a decoder: size, magic bytes, the pixel budget from the
 * header (a decompression bomb is refused before a byte is allocated) and the file's structure.
 */
export function checkSource(bytes: Uint8Array): DecodableFormat {
  const format = assertDecodable(bytes);
  const declared = readHeaderSize(bytes);
  if (declared) assertPixelBudget(declared.width, declared.height);
  assertIntact(bytes, format);
  return format;
}
