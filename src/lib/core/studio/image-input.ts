import { ImageError } from '../errors/image-error';
import { assertDecodable } from '../image/decodable';
import { readHeaderSize } from '../image/header';
import { ImageInputSchema, type ImageInput } from '../operations/common';

export type ImageFacts = Omit<ImageInput, 'part'>;

/**
 * What an operation declares about an uploaded image, read from the bytes themselves (format from the magic
 * bytes, size from the header), so the proxy's check of the same facts cannot disagree with the page.
 */
export function imageFacts(bytes: Uint8Array): ImageFacts {
  const format = assertDecodable(bytes);
  const parsed = ImageInputSchema.shape.format.safeParse(format);
  if (!parsed.success)
    throw new ImageError(
      'unsupported_format',
      `The AI providers do not take ${format.toUpperCase()} images; save it as PNG or JPEG first.`
    );
  const size = readHeaderSize(bytes);
  if (!size) throw new ImageError('corrupt_image', 'The image header does not give its width and height.');
  return { format: parsed.data, width: size.width, height: size.height, bytes: bytes.byteLength };
}

export const asInput = (part: string, facts: ImageFacts): ImageInput => ({ part, ...facts });
