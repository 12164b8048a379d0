import type { AutoTag } from '$core/library/tags';
import type { AssetProblem, AssetRow, StudioDatabase, ThumbnailRow } from '$lib/db/database';
import type { LibraryStore } from './store';

/** Facts the on-device tagger found, written with its tags in one go. */
export interface TagFacts {
  faceCount: number;
  width: number;
  height: number;
  exif?: AssetRow['exif'];
  prompt?: string;
}

/**
 * Ids of assets whose current version is an image: a video or 3D model (a Transform result) has no pixels
 * for magick-wasm or the tagger, so it keeps the thumbnail and tags of the image it was made from.
 */
const imageIds = async (db: StudioDatabase) =>
  new Set(await db.assets.where('mime').startsWith('image/').primaryKeys());

/** What the background thumbnailer and tagger read and write (`analyse.ts` does the looking). */
export class LibraryTagging {
  readonly #store: LibraryStore;

  constructor(store: LibraryStore) {
    this.#store = store;
  }

  thumbnail(assetId: string): Promise<ThumbnailRow | undefined> {
    return this.#store.db.thumbnails.get(assetId);
  }

  async setThumbnail(row: ThumbnailRow): Promise<void> {
    await this.#store.write(
      'The thumbnail',
      (db) => [db.thumbnails],
      (db) => db.thumbnails.put(row)
    );
  }

  /** Records why the thumbnail or tags failed; the asset counts as looked at until its next version. */
  setProblem(assetId: string, problem: AssetProblem): Promise<void> {
    return this.#store.write(
      'The tagging problem',
      (db) => [db.assets],
      async (db) => {
        await db.assets.update(assetId, { problem, taggedAt: Date.now() });
      }
    );
  }

  /** Replaces the tagger's tags (the user's own stay) and records what it found, in one transaction. */
  setAutoTags(assetId: string, tags: readonly AutoTag[], facts: TagFacts): Promise<void> {
    return this.#store.write(
      'The tags',
      (db) => [db.tags, db.assets],
      async (db) => {
        const user = new Set(
          (await db.tags.where('assetId').equals(assetId).toArray())
            .filter((row) => row.origin === 'user')
            .map((row) => row.tag)
        );
        await db.tags
          .where('assetId')
          .equals(assetId)
          .filter((row) => row.origin === 'auto')
          .delete();
        await db.tags.bulkPut(
          tags
            .filter((tag) => !user.has(tag.tag))
            .map((tag) => ({ assetId, ...tag, origin: 'auto' as const }))
        );
        await db.assets.update(assetId, { ...facts, taggedAt: Date.now() });
      }
    );
  }

  /**
   * Live images whose thumbnail is missing or was made from an older version. Every read is of primary keys
   * only (one request each, no cursor), so it stays cheap at tens of thousands of assets. A new version clears
   * the asset's `taggedAt`, so only untagged assets can hold an older version's thumbnail: those few are read.
   */
  async needingThumbnails(): Promise<string[]> {
    const db = this.#store.db;
    const [trashed, thumbnailed, images, tagged] = await Promise.all([
      db.trash.toCollection().primaryKeys(),
      db.thumbnails.toCollection().primaryKeys(),
      imageIds(db),
      db.assets.orderBy('taggedAt').primaryKeys()
    ]);
    const hidden = new Set(trashed);
    const hasThumbnail = new Set(thumbnailed);
    const isTagged = new Set(tagged);
    const live = [...images].filter((id) => !hidden.has(id));
    const suspects = live.filter((id) => hasThumbnail.has(id) && !isTagged.has(id));
    const missing = live.filter((id) => !hasThumbnail.has(id));
    const [assets, thumbnails, unthumbnailed] = await Promise.all([
      db.assets.bulkGet(suspects),
      db.thumbnails.bulkGet(suspects),
      db.assets.bulkGet(missing)
    ]);
    const stale = new Set(
      suspects.filter((_, index) => thumbnails[index]?.versionId !== assets[index]?.currentVersionId)
    );
    // An image that already failed keeps its recorded reason until a new version replaces it.
    const failed = new Set(missing.filter((_, index) => unthumbnailed[index]?.problem));
    return live.filter((id) => (!hasThumbnail.has(id) && !failed.has(id)) || stale.has(id));
  }

  /** Live images the tagger has not seen in their current version (their `taggedAt` is null, so unindexed). */
  async needingTags(): Promise<string[]> {
    const db = this.#store.db;
    const [images, tagged, trashed] = await Promise.all([
      imageIds(db),
      db.assets.orderBy('taggedAt').primaryKeys(),
      db.trash.toCollection().primaryKeys()
    ]);
    const skip = new Set([...tagged, ...trashed]);
    return [...images].filter((id) => !skip.has(id));
  }
}
