import { openComment, sealComment, type BoardComment } from '$core/share/comments';
import { fetchComments, postComment } from './api-client';

/** The board's comments, opened with its key; one that does not open (not sealed with this key) is skipped. */
export async function readComments(shareId: string, key: CryptoKey): Promise<BoardComment[]> {
  const sealed = await fetchComments(shareId);
  const opened = await Promise.all(sealed.map((row) => openComment(key, row.sealed).catch(() => undefined)));
  return opened.filter((comment): comment is BoardComment => Boolean(comment));
}

export async function addComment(shareId: string, key: CryptoKey, comment: BoardComment): Promise<void> {
  await postComment(shareId, await sealComment(key, comment));
}
