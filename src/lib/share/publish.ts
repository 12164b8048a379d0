import { importShareKey, newShareKey, seal } from '$core/share/crypto';
import { packBoard, type SharedImage } from '$core/share/board-pack';
import type { ShareExpiry } from '$core/share/api';
import type { BoardRow } from '$lib/db/database';
import type { Library } from '$lib/library/library';
import { imageWorker } from '$lib/workers/image-worker';
import { createShare, revokeShare, updateShare } from './api-client';

export interface PublishOptions {
  /** Longest side of each image in the link; 0 keeps the originals. */
  maxSide: number;
  expiry: ShareExpiry;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Each image at most `maxSide` on its longest side, re-encoded in the image worker; smaller ones go as they are. */
async function boardImages(
  library: Library,
  board: BoardRow,
  options: PublishOptions
): Promise<SharedImage[]> {
  const images: SharedImage[] = [];
  for (const [index, item] of board.items.entries()) {
    options.signal?.throwIfAborted();
    const asset = await library.get(item.assetId);
    if (!asset) continue;
    const original = new Uint8Array(await (await library.currentBlob(asset.id)).arrayBuffer());
    const scale = options.maxSide ? options.maxSide / Math.max(asset.width, asset.height) : 1;
    const image: SharedImage =
      scale < 1
        ? await imageWorker
            .resize(
              original,
              {
                width: Math.max(1, Math.round(asset.width * scale)),
                height: Math.max(1, Math.round(asset.height * scale)),
                fit: 'fill',
                format: asset.mime === 'image/png' ? 'png' : 'jpeg',
                quality: 85
              },
              options.signal
            )
            .then((result) => ({
              name: asset.name,
              note: item.note,
              mime: result.format === 'png' ? 'image/png' : 'image/jpeg',
              width: result.width,
              height: result.height,
              bytes: result.bytes
            }))
        : {
            name: asset.name,
            note: item.note,
            mime: asset.mime,
            width: asset.width,
            height: asset.height,
            bytes: original
          };
    images.push(image);
    options.onProgress?.(index + 1, board.items.length);
  }
  return images;
}

/**
 * Packs, seals and uploads the board: a first share makes a new link, a shared board is replaced in place
 * (same link, same key, new version). The link's key and owner token are kept on the board row.
 */
export async function publishBoard(
  library: Library,
  board: BoardRow,
  options: PublishOptions
): Promise<BoardRow> {
  const images = await boardImages(library, board, options);
  if (!images.length) throw new Error('Add at least one image to the board before sharing it.');
  const keyText = board.share?.key ?? newShareKey();
  const key = await importShareKey(keyText);
  const cover = Math.max(
    0,
    board.items.findIndex((item) => item.assetId === board.coverAssetId)
  );
  const sealed = await seal(
    key,
    packBoard({ name: board.name, note: board.note ?? '', cover, createdAt: Date.now(), images })
  );
  options.signal?.throwIfAborted();
  const now = Date.now();
  const share = board.share
    ? {
        ...board.share,
        ...(await updateShare(board.share.id, board.share.ownerToken, sealed, options.expiry))
      }
    : await createShare(sealed, options.expiry).then((created) => ({
        id: created.id,
        key: keyText,
        ownerToken: created.ownerToken,
        version: created.version,
        expiresAt: created.expiresAt,
        maxSide: options.maxSide,
        sharedAt: now
      }));
  const next = { ...share, maxSide: options.maxSide, sharedAt: now };
  await library.organise.updateBoard(board.id, { share: next });
  return { ...board, share: next };
}

export async function unpublishBoard(library: Library, board: BoardRow): Promise<void> {
  if (!board.share) return;
  await revokeShare(board.share.id, board.share.ownerToken);
  await library.organise.updateBoard(board.id, { share: undefined });
}

export const shareLink = (origin: string, share: { id: string; key: string }): string =>
  `${origin}/b/${share.id}#${share.key}`;
