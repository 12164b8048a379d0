import { describe, expect, it } from 'vitest';
import { importShareKey, newShareKey, open, seal } from './crypto';
import { packBoard, unpackBoard, type SharedBoard } from './board-pack';
import { openComment, sealComment } from './comments';
import { ShareError } from './share-error';

const board: SharedBoard = {
  name: 'Spring campaign',
  note: 'For approval by Friday',
  cover: 1,
  createdAt: 1_700_000_000_000,
  images: [
    {
      name: 'a.png',
      note: 'first',
      mime: 'image/png',
      width: 2,
      height: 1,
      bytes: Uint8Array.from([1, 2, 3])
    },
    {
      name: 'b.jpg',
      note: 'second',
      mime: 'image/jpeg',
      width: 4,
      height: 4,
      bytes: Uint8Array.from([9, 8, 7, 6, 5])
    }
  ]
};

async function sealedBoard() {
  const keyText = newShareKey();
  const key = await importShareKey(keyText);
  return { keyText, key, sealed: await seal(key, packBoard(board)) };
}

describe('shared board encryption', () => {
  it('round-trips a board through pack, seal, open and unpack', async () => {
    const { key, sealed } = await sealedBoard();
    expect(unpackBoard(await open(key, sealed))).toEqual(board);
  });

  it('makes a 256-bit key that fits a URL fragment, different every time', () => {
    const a = newShareKey();
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(newShareKey()).not.toBe(a);
  });

  it('rejects a flipped bit at every position of the ciphertext', async () => {
    const { key, sealed } = await sealedBoard();
    for (let byte = 0; byte < sealed.byteLength; byte++) {
      const damaged = sealed.slice();
      damaged[byte]! ^= 1 << (byte % 8);
      const error = await open(key, damaged).catch((caught: unknown) => caught);
      expect(error, `byte ${byte}`).toBeInstanceOf(ShareError);
      expect((error as ShareError).code).toMatch(/^(wrong_key|invalid_board)$/);
    }
  });

  it('rejects a wrong key with a clear error, never garbage', async () => {
    const { sealed } = await sealedBoard();
    const other = await importShareKey(newShareKey());
    await expect(open(other, sealed)).rejects.toMatchObject({
      code: 'wrong_key',
      message: expect.stringContaining('does not open this board')
    });
  });

  it('refuses a missing or truncated key before decrypting', async () => {
    await expect(importShareKey('')).rejects.toMatchObject({ code: 'missing_key' });
    const { keyText } = await sealedBoard();
    await expect(importShareKey(keyText.slice(0, 30))).rejects.toMatchObject({ code: 'wrong_key' });
  });

  it('seals comments with the board key; another key cannot read them', async () => {
    const { key } = await sealedBoard();
    const comment = { item: 1, author: 'Ana', text: 'Warmer colours please', at: 5 };
    const sealed = await sealComment(key, comment);
    expect(sealed).not.toContain('Warmer');
    expect(await openComment(key, sealed)).toEqual(comment);
    const other = await importShareKey(newShareKey());
    await expect(openComment(other, sealed)).rejects.toMatchObject({ code: 'wrong_key' });
  });

  it('refuses a decrypted payload that is not a board', () => {
    expect(() => unpackBoard(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow(ShareError);
  });
});
