import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { copyrightOverhead, embedCopyright, readCopyright } from './copyright';

const notice = { copyright: 'Copyright 2026 Jane Doe', artist: 'Jane Doe' };

describe('copyright metadata', () => {
  it('reads Artist and Copyright from a JPEG written by another tool', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: notice.copyright, Artist: notice.artist, Make: 'TestCam' } })
      .toBuffer();
    expect(readCopyright(new Uint8Array(jpeg))).toEqual(notice);
  });

  it.each(['jpeg', 'png'] as const)(
    'writes them into a %s that still decodes, and reads them back',
    async (format) => {
      const plain = new Uint8Array(
        await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
          .toFormat(format)
          .toBuffer()
      );
      const signed = embedCopyright(plain, format, notice)!;
      expect(signed.length - plain.length).toBe(copyrightOverhead(format, notice));
      const meta = await sharp(signed).metadata();
      expect(meta.width).toBe(8);
      expect(new TextDecoder().decode(meta.exif)).toContain(notice.copyright);
      if (format === 'jpeg') expect(readCopyright(signed)).toEqual(notice);
    }
  );

  it('adds nothing without a notice and refuses formats it cannot sign', () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    expect(embedCopyright(bytes, 'jpeg', {})).toBe(bytes);
    expect(embedCopyright(bytes, 'webp', notice)).toBeUndefined();
  });
});
