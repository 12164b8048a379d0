import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImageError } from '../errors/image-error';
import { assertDecodable } from './decodable';
import { assertPixelBudget } from './limits';

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(`tests/fixtures/${path}`));

function errorOf(run: () => unknown): ImageError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImageError) return error;
    throw error;
  }
  throw new Error('expected an ImageError');
}

describe('assertDecodable', () => {
  it('refuses an empty file as empty, not as corrupt', () => {
    const error = errorOf(() => assertDecodable(fixture('bad/empty.jpg')));
    expect(error.code).toBe('empty_file');
    expect(error.message).toMatch(/0 bytes/);
  });

  it('refuses a text file named .jpg as an unsupported format', () => {
    const error = errorOf(() => assertDecodable(fixture('bad/text.jpg')));
    expect(error.code).toBe('unsupported_format');
    expect(error.message).toMatch(/not an image/);
  });

  it('refuses SVG and says it is a vector drawing', () => {
    const error = errorOf(() => assertDecodable(fixture('bad/script.svg')));
    expect(error.code).toBe('unsupported_format');
    expect(error.message).toMatch(/SVG/);
  });

  it('returns the sniffed format of a real image', () => {
    expect(assertDecodable(fixture('formats/photo.heic'))).toBe('heic');
  });
});

describe('assertPixelBudget', () => {
  it('accepts a 48 MP photo', () => {
    expect(() => assertPixelBudget(8000, 6000)).not.toThrow();
  });

  it('refuses a 900 MP bomb with its size in the message', () => {
    const error = errorOf(() => assertPixelBudget(30_000, 30_000));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('30,000×30,000');
  });

  it('refuses a side longer than the limit even when the area is small', () => {
    expect(errorOf(() => assertPixelBudget(40_000, 10)).code).toBe('too_large');
  });
});
