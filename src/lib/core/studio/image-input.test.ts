import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImageError } from '../errors/image-error';
import { asInput, imageFacts } from './image-input';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/${name}`));

describe('imageFacts', () => {
  it('reads format, size and byte count from a PNG header', () => {
    const bytes = fixture('formats/alpha.png');
    const facts = imageFacts(bytes);
    expect(facts.format).toBe('png');
    expect(facts.bytes).toBe(bytes.byteLength);
    expect(facts.width).toBeGreaterThan(0);
    expect(asInput('image', facts)).toEqual({ part: 'image', ...facts });
  });

  it('refuses bytes that are not an image with a typed error', () => {
    expect(() => imageFacts(new TextEncoder().encode('not an image at all'))).toThrow(ImageError);
  });
});
