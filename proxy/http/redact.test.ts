import { describe, expect, it } from 'vitest';
import { redact } from './redact';

const key = 'sk-SECRET-stability-4f1d2c';
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('redact', () => {
  it('leaves text without secrets as it was', () => {
    expect(redact('nothing to see', [key, undefined, ''])).toBe('nothing to see');
  });

  it('removes the key plain, URL-encoded, percent-encoded, hex and base64 at any alignment', () => {
    const echoes = [
      `key ${key}.`,
      `key=${encodeURIComponent(key)}&x=1`,
      `q=${[...Buffer.from(key)].map((byte) => `%${byte.toString(16)}`).join('')}`,
      `hex ${Buffer.from(key).toString('hex')}`,
      `b64 ${b64(key)}`,
      `basic ${b64(`user:${key}`)}`,
      `shifted ${b64(`xy${key}tail`)}`,
      `url-safe ${Buffer.from(`?${key}`).toString('base64url')}`
    ];
    for (const echo of echoes) {
      const out = redact(echo, [key]);
      expect(out, echo).toContain('[redacted]');
      for (let start = 0; start + 8 <= key.length; start++)
        expect(out).not.toContain(key.slice(start, start + 8));
      expect(out).not.toContain(b64(key).slice(4, 12));
    }
  });

  it('removes any fragment of 8 characters or more and keeps the text around it', () => {
    expect(redact(`a ${key.slice(3, 11)} b`, [key])).toBe('a [redacted] b');
    expect(redact(`a ${key.slice(3, 10)} b`, [key])).toBe(`a ${key.slice(3, 10)} b`);
  });

  it('removes a short SMTP password from an AUTH PLAIN or AUTH LOGIN line', () => {
    const pass = 'hunter2';
    for (const line of [`AUTH PLAIN ${b64(`\0mailer\0${pass}`)}`, `C: ${b64(pass)}`, `pass=${pass};`]) {
      const out = redact(line, [pass]);
      expect(out, line).toContain('[redacted]');
      expect(out).not.toContain(pass);
      for (const word of out.split(/[\s[\]]+/))
        expect(Buffer.from(word, 'base64').toString('latin1'), word).not.toContain(pass);
    }
  });
});
