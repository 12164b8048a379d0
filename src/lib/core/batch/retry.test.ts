import { describe, expect, it } from 'vitest';
import { canSucceedLater, shouldRetry } from './retry';

describe('canSucceedLater', () => {
  it.each(['empty_file', 'unsupported_format', 'corrupt_image', 'too_large'])('gives up on %s', (code) => {
    expect(canSucceedLater(code)).toBe(false);
  });

  it.each(['offline', 'unauthorized', 'budget_exceeded', 'no_token', undefined])(
    'offers another go after %s',
    (code) => expect(canSucceedLater(code)).toBe(true)
  );
});

describe('shouldRetry', () => {
  it('retries a network hiccup until the attempts run out, and never a bad file', () => {
    expect(shouldRetry('offline', 1)).toBe(true);
    expect(shouldRetry('offline', 4)).toBe(false);
    expect(shouldRetry('corrupt_image', 1)).toBe(false);
  });
});
