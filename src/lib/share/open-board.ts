import { importShareKey, open } from '$core/share/crypto';
import { unpackBoard, type SharedBoard } from '$core/share/board-pack';
import { ShareApiError, fetchShare } from './api-client';

const CACHE = 'shared-boards';
const cacheUrl = (id: string) => `/__shared-board-cache/${id}`;

/** Cache Storage, when the page has it (not in some private modes). */
async function boardCache(): Promise<Cache | undefined> {
  try {
    return await caches.open(CACHE);
  } catch {
    return undefined;
  }
}

export interface OpenedBoard {
  board: SharedBoard;
  key: CryptoKey;
  /** True when the network was unreachable and the copy kept at the last visit was shown. */
  offline: boolean;
}

/**
 * Fetches the sealed board (keeping the ciphertext for offline visits; the key stays in the fragment), then
 * opens it. Revoked and expired boards are dropped from the cache so they stop opening.
 */
export async function openSharedBoard(id: string, fragment: string): Promise<OpenedBoard> {
  const key = await importShareKey(fragment);
  const cache = await boardCache();
  let sealed: Uint8Array;
  let offline = false;
  try {
    sealed = (await fetchShare(id)).sealed;
    await cache?.put(cacheUrl(id), new Response(sealed as BodyInit));
  } catch (error) {
    if (error instanceof ShareApiError) {
      await cache?.delete(cacheUrl(id));
      throw error;
    }
    const kept = await cache?.match(cacheUrl(id));
    if (!kept) throw error;
    sealed = new Uint8Array(await kept.arrayBuffer());
    offline = true;
  }
  return { board: unpackBoard(await open(key, sealed)), key, offline };
}
