import { describe, expect, it } from 'vitest';
import { outputFileName } from './file-name';

const parts = {
  source: 'Holiday 2026.HEIC',
  preset: 'x-header',
  width: 1500,
  height: 500,
  format: 'jpeg' as const
};

describe('outputFileName', () => {
  it('fills the default template and drops the source extension', () => {
    expect(outputFileName(parts)).toBe('Holiday 2026_x-header_1500x500.jpg');
  });

  it('never lets a name become a path', () => {
    expect(outputFileName({ ...parts, source: '../../etc/passwd' }, '{name}/../{preset}.{ext}')).toBe(
      'passwd-..-x-header.jpg'
    );
  });

  it('turns unknown placeholders into plain text', () => {
    expect(outputFileName(parts, '{preset}-{date}.{ext}')).toBe('x-header--date-.jpg');
  });
});
