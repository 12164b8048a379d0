import { describe, expect, it } from 'vitest';
import { brokenTextPath, cleanJson, cleanText } from './text';

describe('broken text', () => {
  it('finds a NUL or a lone surrogate and names where it is', () => {
    expect(brokenTextPath({ prompt: 'a\u0000b' })).toBe('prompt');
    expect(brokenTextPath({ refs: [{ part: 'x' }, { part: '\uD800' }] })).toBe('refs.1.part');
    expect(brokenTextPath({ prompt: 'end \uDC00' })).toBe('prompt');
    expect(brokenTextPath({ prompt: 'a cat 🐈 on a mat' })).toBeUndefined();
  });

  it('cleans text for storage: NUL dropped, lone surrogates replaced, pairs kept', () => {
    expect(cleanText('a\u0000b\uD800c🐈\uDC00')).toBe('ab\uFFFDc🐈\uFFFD');
    expect(cleanJson({ error: { message: 'x\u0000y\uDC00' } })).toBe('{"error":{"message":"xy\uFFFD"}}');
  });
});
