import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImageError } from '../errors/image-error';
import { checkSource } from './check-source';

const fixture = (path: string) => new Uint8Array(readFileSync(`tests/fixtures/${path}`));

const refusal = (path: string) => {
  try {
    checkSource(fixture(path));
  } catch (error) {
    return error instanceof ImageError ? { code: error.code, message: error.message } : undefined;
  }
  return undefined;
};

describe('checkSource', () => {
  it('passes an intact photo and names its format', () => {
    expect(checkSource(fixture('faces/sample1.jpg'))).toBe('jpeg');
  });

  it.each([
    ['bad/empty.jpg', 'empty_file', /empty/],
    ['bad/text.jpg', 'unsupported_format', /not an image/],
    ['bad/truncated.jpg', 'corrupt_image', /cut short/],
    ['bad/corrupt.jpg', 'corrupt_image', /damaged/],
    ['bad/bomb-900mp.png', 'too_large', /30,000×30,000/],
    ['bad/huge-header-no-data.png', 'too_large', /100,000×100,000/]
  ])('refuses %s as %s with a reason', (path, code, message) => {
    const found = refusal(path);
    expect(found?.code).toBe(code);
    expect(found?.message).toMatch(message);
  });
});
