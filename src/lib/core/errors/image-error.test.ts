import { describe, expect, it } from 'vitest';
import { ImageError, toImageError } from './image-error';

describe('toImageError', () => {
  it('rebuilds the typed error from the plain shape a worker throws', () => {
    const error = toImageError({ code: 'too_large', message: 'The image is 30,000×30,000 pixels' });
    expect(error).toBeInstanceOf(ImageError);
    expect(error.code).toBe('too_large');
    expect(error.message).toBe('The image is 30,000×30,000 pixels');
  });

  it('keeps an ImageError as it is', () => {
    const original = new ImageError('empty_file', 'The file is empty (0 bytes).');
    expect(toImageError(original)).toBe(original);
  });

  it('wraps an unexpected failure without pretending it is a bad image', () => {
    const error = toImageError(new RangeError('memory access out of bounds'));
    expect(error.code).toBe('processing_failed');
    expect(error.message).toContain('memory access out of bounds');
  });

  it('does not accept an unknown code from across the boundary', () => {
    expect(toImageError({ code: 'nope', message: 'x' }).code).toBe('processing_failed');
  });
});
