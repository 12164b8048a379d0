import { z } from 'zod';
import { fromBase64Url, open, seal, toBase64Url } from './crypto';

/** A reviewer's comment on one image of a shared board; the server only ever holds it sealed. */
export const BoardCommentSchema = z.object({
  item: z.number().int().nonnegative(),
  author: z.string().trim().max(80),
  text: z.string().trim().min(1, 'Write something first.').max(4000),
  at: z.number()
});
export type BoardComment = z.infer<typeof BoardCommentSchema>;

export async function sealComment(key: CryptoKey, comment: BoardComment): Promise<string> {
  const plain = new TextEncoder().encode(JSON.stringify(BoardCommentSchema.parse(comment)));
  return toBase64Url(await seal(key, plain));
}

export async function openComment(key: CryptoKey, sealed: string): Promise<BoardComment> {
  const plain = await open(key, fromBase64Url(sealed));
  return BoardCommentSchema.parse(JSON.parse(new TextDecoder().decode(plain)));
}
