import { MagickImage, MagickReadSettings, type IMagickImage } from '@imagemagick/magick-wasm';
import { ImageError } from '$core/errors/image-error';
import { assertDecodable } from '$core/image/decodable';
import type { DecodableFormat } from '$core/image/format';
import { readHeaderSize } from '$core/image/header';
import { assertPixelBudget } from '$core/image/limits';
import { magickReady } from './magick';

/** libjpeg and friends report damage as warnings and still return pixels; we refuse such images. */
const damageWarning = /corrupt|premature end|truncat|insufficient image data|unexpected end|bad huffman/i;

function describeDecodeFailure(format: DecodableFormat, error: unknown): ImageError {
  const detail = error instanceof Error ? error.message : String(error);
  return new ImageError(
    'corrupt_image',
    `This ${format.toUpperCase()} file is damaged and cannot be decoded (${detail.split(' `')[0]}).`
  );
}

/** Reads the header only: dimensions, orientation and alpha without decoding a single pixel. */
export async function pingImage(
  bytes: Uint8Array
): Promise<{ image: IMagickImage; format: DecodableFormat }> {
  const format = assertDecodable(bytes);
  // A header that claims a huge size is refused as such even when no pixel data follows it.
  const declared = readHeaderSize(bytes);
  if (declared) assertPixelBudget(declared.width, declared.height);
  await magickReady();
  const image = MagickImage.create();
  try {
    image.ping(bytes, new MagickReadSettings({ frameIndex: 0, frameCount: 1 }));
  } catch (error) {
    image.dispose();
    throw describeDecodeFailure(format, error);
  }
  return { image, format };
}

/**
 * Decodes the first frame after checking the pixel budget from the header, so a decompression bomb is
 * refused before it is allocated. The caller owns (and must dispose) the returned image.
 */
export async function decodeImage(
  bytes: Uint8Array
): Promise<{ image: IMagickImage; format: DecodableFormat }> {
  const { image: header, format } = await pingImage(bytes);
  const { width, height } = header;
  header.dispose();
  assertPixelBudget(width, height);

  const image = MagickImage.create();
  const warnings: string[] = [];
  image.onWarning = (event) => {
    warnings.push(event.error.message);
    return 0;
  };
  try {
    image.read(bytes, new MagickReadSettings({ frameIndex: 0, frameCount: 1 }));
  } catch (error) {
    image.dispose();
    throw describeDecodeFailure(format, error);
  }
  const damage = warnings.find((warning) => damageWarning.test(warning));
  if (damage) {
    image.dispose();
    throw describeDecodeFailure(format, new Error(damage));
  }
  return { image, format };
}
