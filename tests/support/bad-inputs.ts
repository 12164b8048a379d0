import { ImageError, type ImageErrorCode } from '../../src/lib/core/errors/image-error';

/** Each file in tests/fixtures/bad and the error code every decoding path must give it. */
export const badInputs: [path: string, code: ImageErrorCode][] = [
  ['bad/empty.jpg', 'empty_file'],
  ['bad/text.jpg', 'unsupported_format'],
  ['bad/script.svg', 'unsupported_format'],
  ['bad/truncated.jpg', 'corrupt_image'],
  ['bad/corrupt.jpg', 'corrupt_image'],
  ['bad/bomb-900mp.png', 'too_large'],
  ['bad/huge-header-no-data.png', 'too_large']
];

/** The code of the ImageError `run` rejects with; anything else fails the test. */
export async function errorCodeOf(run: Promise<unknown>): Promise<ImageErrorCode> {
  try {
    await run;
  } catch (error) {
    if (error instanceof ImageError) return error.code;
    throw error;
  }
  throw new Error('expected an ImageError');
}
