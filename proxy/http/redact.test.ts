import { describe, expect, it } from 'vitest';
import { redact } from './redact';

describe('redact', () => {
  it('replaces every occurrence of every secret, and skips empty or missing ones', () => {
    expect(redact('key sk-1 then sk-1 and pw', ['sk-1', '', undefined, 'pw'])).toBe(
      'key [redacted] then [redacted] and [redacted]'
    );
  });

  it('leaves text without secrets as it was', () => {
    expect(redact('535 authentication failed', ['hunter2'])).toBe('535 authentication failed');
  });
});
