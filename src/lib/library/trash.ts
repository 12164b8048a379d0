import { TRASH_RETENTION_MS } from '$core/library/meta';
import type { TrashRow } from '$lib/db/database';
import { newId, type LibraryStore } from './store';

/** Deleting is moving to the trash: undoable at once, and for good only after 30 days. */
export class LibraryTrash {
  readonly #store: LibraryStore;

  constructor(store: LibraryStore) {
    this.#store = store;
  }

  /** Moves assets to the trash; the returned batch id undoes exactly this delete. */
  async move(assetIds: readonly string[]): Promise<string> {
    const batchId = newId();
    const deletedAt = Date.now();
    await this.#store.write(
      'The move to the trash',
      (db) => [db.trash],
      (db) => db.trash.bulkPut(assetIds.map((assetId) => ({ assetId, batchId, deletedAt })))
    );
    return batchId;
  }

  undo(batchId: string): Promise<number> {
    return this.#store.write(
      'The restore',
      (db) => [db.trash],
      (db) => db.trash.where('batchId').equals(batchId).delete()
    );
  }

  async has(assetId: string): Promise<boolean> {
    return (await this.#store.db.trash.get(assetId)) !== undefined;
  }

  count(): Promise<number> {
    return this.#store.db.trash.count();
  }

  /**
   * Deletes for good what has been in the trash for 30 days (or everything, with `all`). Runs on every library
   * visit, so it looks first and locks every library table for writing only when something is due: a write
   * lock would hold up every other tab's reads, and the next page's first one.
   */
  async purge(now = Date.now(), all = false): Promise<number> {
    const due = (row: TrashRow) => all || now - row.deletedAt >= TRASH_RETENTION_MS;
    if (!(await this.#store.db.trash.filter(due).count())) return 0;
    return this.#store.write(
      'The trash clean-up',
      (db) => db.libraryTables,
      async (db) => {
        const expired = await db.trash.filter(due).primaryKeys();
        const hashes = new Set<string>();
        for (const assetId of expired) {
          const versions = await db.versions.where('assetId').equals(assetId).toArray();
          for (const version of versions) hashes.add(version.hash);
          await db.versions.where('assetId').equals(assetId).delete();
          await db.tags.where('assetId').equals(assetId).delete();
          await db.collectionItems.where('assetId').equals(assetId).delete();
        }
        await Promise.all([
          db.assets.bulkDelete(expired),
          db.thumbnails.bulkDelete(expired),
          db.favourites.bulkDelete(expired),
          db.trash.bulkDelete(expired)
        ]);
        for (const hash of hashes) {
          if ((await db.versions.where('hash').equals(hash).count()) === 0) await db.files.delete(hash);
        }
        return expired.length;
      }
    );
  }
}
