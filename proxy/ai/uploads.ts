import { readHeaderSize } from '../../src/lib/core/image/header';
import { sniffFormat } from '../../src/lib/core/image/format';
import type { AiOperation, ImageInput } from '../../src/lib/core/operations';

/** Every uploaded part the operation declares (images and audio), by part name. */
export function declaredParts(
  op: AiOperation
): { field: string; part: string; bytes: number; image?: ImageInput }[] {
  const parts: { field: string; part: string; bytes: number; image?: ImageInput }[] = [];
  const visit = (field: string, value: unknown) => {
    if (!value || typeof value !== 'object' || !('part' in value) || !('bytes' in value)) return;
    const declared = value as { part: string; bytes: number };
    parts.push({
      field,
      part: declared.part,
      bytes: declared.bytes,
      image: 'width' in value ? (value as ImageInput) : undefined
    });
  };
  for (const [field, value] of Object.entries(op)) {
    if (Array.isArray(value)) value.forEach((item, index) => visit(`${field}.${index}`, item));
    else visit(field, value);
  }
  return parts;
}

/**
 * Holds each uploaded part to what the operation declared (pre-flight checked the declaration): the byte count,
 * the format by magic bytes, and the pixel size when the header tells it. Returns field → problem.
 */
export async function verifyUploads(
  op: AiOperation,
  files: ReadonlyMap<string, Blob>
): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  for (const { field, part, bytes, image } of declaredParts(op)) {
    const blob = files.get(part);
    if (!blob) {
      problems[field] = `The upload has no part named "${part}".`;
      continue;
    }
    if (blob.size !== bytes) {
      problems[field] = `The part "${part}" is ${blob.size} bytes, not the ${bytes} declared.`;
      continue;
    }
    if (!image) continue;
    const head = new Uint8Array(await blob.slice(0, 64 * 1024).arrayBuffer());
    const sniffed = sniffFormat(head);
    if (sniffed.kind !== 'raster' || sniffed.format !== image.format) {
      problems[field] = `The part "${part}" is not the ${image.format.toUpperCase()} it claims to be.`;
      continue;
    }
    const size = readHeaderSize(head);
    if (size && (size.width !== image.width || size.height !== image.height)) {
      problems[field] =
        `The part "${part}" is ${size.width}×${size.height}, not the ${image.width}×${image.height} declared.`;
    }
  }
  return problems;
}
