import type { Table } from 'dexie';
import type { BoardRow, CampaignRow, CollectionRow } from '$lib/db/database';
import { newId, type LibraryStore } from './store';

export type CampaignInput = Pick<CampaignRow, 'name'> &
  Partial<Pick<CampaignRow, 'startsOn' | 'endsOn' | 'channels'>>;

/** How the user arranges assets: favourites, tags, collections, campaigns and boards. */
export class LibraryOrganiser {
  readonly #store: LibraryStore;

  constructor(store: LibraryStore) {
    this.#store = store;
  }

  setFavourite(assetIds: readonly string[], favourite: boolean): Promise<void> {
    const now = Date.now();
    return this.#store.write(
      'The favourite',
      (db) => [db.favourites],
      async (db) => {
        if (favourite) await db.favourites.bulkPut(assetIds.map((assetId) => ({ assetId, addedAt: now })));
        else await db.favourites.bulkDelete([...assetIds]);
      }
    );
  }

  async addTag(assetIds: readonly string[], tag: string): Promise<void> {
    const clean = tag.trim().toLowerCase();
    if (!clean) return;
    await this.#store.write(
      `The tag “${clean}”`,
      (db) => [db.tags],
      (db) =>
        db.tags.bulkPut(assetIds.map((assetId) => ({ assetId, tag: clean, origin: 'user', kind: 'user' })))
    );
  }

  removeTag(assetId: string, tag: string): Promise<void> {
    return this.#store.write(
      'The tag change',
      (db) => [db.tags],
      (db) => db.tags.delete([assetId, tag])
    );
  }

  /** Collections in the user's order. */
  collections(): Promise<CollectionRow[]> {
    return this.#store.db.collections.orderBy('order').toArray();
  }

  createCollection(name: string, campaignId?: string): Promise<CollectionRow> {
    return this.#store.write(
      `The collection “${name.trim()}”`,
      (db) => [db.collections],
      async (db) => {
        const row: CollectionRow = {
          id: newId(),
          name: name.trim(),
          order: await db.collections.count(),
          campaignId,
          createdAt: Date.now()
        };
        await db.collections.add(row);
        return row;
      }
    );
  }

  async updateCollection(
    id: string,
    patch: Partial<Pick<CollectionRow, 'name' | 'coverAssetId' | 'campaignId'>>
  ): Promise<void> {
    await this.#store.write(
      'The collection change',
      (db) => [db.collections],
      (db) => db.collections.update(id, patch)
    );
  }

  deleteCollection(id: string): Promise<void> {
    return this.#store.write(
      'The collection change',
      (db) => [db.collections, db.collectionItems],
      async (db) => {
        await db.collectionItems.where('collectionId').equals(id).delete();
        await db.collections.delete(id);
      }
    );
  }

  async addToCollection(assetIds: readonly string[], collectionId: string): Promise<void> {
    const now = Date.now();
    await this.#store.write(
      'The collection change',
      (db) => [db.collectionItems],
      (db) => db.collectionItems.bulkPut(assetIds.map((assetId) => ({ collectionId, assetId, addedAt: now })))
    );
  }

  removeFromCollection(assetIds: readonly string[], collectionId: string): Promise<void> {
    return this.#store.write(
      'The collection change',
      (db) => [db.collectionItems],
      (db) =>
        db.collectionItems.bulkDelete(assetIds.map((assetId) => [collectionId, assetId] as [string, string]))
    );
  }

  /** Campaigns in the user's order. */
  campaigns(): Promise<CampaignRow[]> {
    return this.#store.db.campaigns.orderBy('order').toArray();
  }

  createCampaign(input: CampaignInput): Promise<CampaignRow> {
    return this.#store.write(
      `The campaign “${input.name.trim()}”`,
      (db) => [db.campaigns],
      async (db) => {
        const row: CampaignRow = {
          id: newId(),
          name: input.name.trim(),
          order: await db.campaigns.count(),
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          channels: input.channels ?? [],
          createdAt: Date.now()
        };
        await db.campaigns.add(row);
        return row;
      }
    );
  }

  /** The campaign with this exact name, made if there is none (a batch CSV names campaigns by name). */
  async campaignNamed(name: string): Promise<CampaignRow> {
    const known = (await this.campaigns()).find((campaign) => campaign.name === name.trim());
    return known ?? this.createCampaign({ name });
  }

  async updateCampaign(
    id: string,
    patch: Partial<Pick<CampaignRow, 'name' | 'startsOn' | 'endsOn' | 'channels' | 'coverAssetId'>>
  ): Promise<void> {
    await this.#store.write(
      'The campaign change',
      (db) => [db.campaigns],
      (db) => db.campaigns.update(id, patch)
    );
  }

  /** Puts the assets in a campaign, or takes them out of any with `undefined`. */
  moveToCampaign(assetIds: readonly string[], campaignId: string | undefined): Promise<void> {
    return this.#store.write(
      'The campaign change',
      (db) => [db.assets],
      async (db) => {
        for (const id of assetIds) await db.assets.update(id, { campaignId, updatedAt: Date.now() });
      }
    );
  }

  /** Stores the given order (first id first) for collections or campaigns. */
  reorder(kind: 'collections' | 'campaigns', ids: readonly string[]): Promise<void> {
    const table = (db: { collections: Table; campaigns: Table }) =>
      db[kind] as Table<CollectionRow | CampaignRow, string>;
    return this.#store.write(
      'The new order',
      (db) => [table(db)],
      async (db) => {
        for (const [order, id] of ids.entries()) await table(db).update(id, { order });
      }
    );
  }

  /** Boards, most recently changed first. */
  boards(): Promise<BoardRow[]> {
    return this.#store.db.boards.orderBy('updatedAt').reverse().toArray();
  }

  createBoard(name: string, items: BoardRow['items'] = []): Promise<BoardRow> {
    const now = Date.now();
    const row: BoardRow = { id: newId(), name: name.trim(), items, createdAt: now, updatedAt: now };
    return this.#store.write(
      `The board “${row.name}”`,
      (db) => [db.boards],
      async (db) => {
        await db.boards.add(row);
        return row;
      }
    );
  }

  async updateBoard(
    id: string,
    patch: Partial<Pick<BoardRow, 'name' | 'note' | 'coverAssetId' | 'items' | 'share'>>
  ): Promise<void> {
    await this.#store.write(
      'The board change',
      (db) => [db.boards],
      (db) => db.boards.update(id, { ...patch, updatedAt: Date.now() })
    );
  }

  deleteBoard(id: string): Promise<void> {
    return this.#store.write(
      'The board change',
      (db) => [db.boards],
      (db) => db.boards.delete(id)
    );
  }
}
