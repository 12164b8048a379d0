import type { Table } from 'dexie';
import { LibraryError, toLibraryError } from '$core/errors/library-error';
import { checkSource } from '$core/image/check-source';
import { mimeTypes } from '$core/image/format';
import { readHeaderSize } from '$core/image/header';
import {
  DeriveSchema,
  SaveMetaSchema,
  TRASH_RETENTION_MS,
  type DeriveInput,
  type SaveMeta
} from '$core/library/meta';
import { joinEntries, type LibraryEntry } from '$core/library/entries';
import { sniffMedia } from '$core/library/media';
import type { AutoTag } from '$core/library/tags';
import {
  database,
  type AssetProblem,
  type AssetRow,
  type BoardRow,
  type CampaignRow,
  type CollectionRow,
  type StudioDatabase,
  type ThumbnailRow,
  type TrashRow,
  type UsageEventRow,
  type VersionRow
} from '$lib/db/database';
import { contentHash } from './hash';

export interface SaveResult {
  asset: AssetRow;
  version: VersionRow;
  /** True when an asset with identical content was already kept: nothing new was stored. */
  existing: boolean;
}

interface Content {
  hash: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  blob: Blob;
}

/**
 * Reads what the row needs from the bytes themselves; refuses, with the Social Optimizer's own checks and
 * words, anything that is not an image we can use (empty, not an image, cut short, too large), or a video or
 * 3D model from the Transform Studio (their size comes from the caller).
 */
async function readContent(blob: Blob, width?: number, height?: number): Promise<Content> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const media = sniffMedia(bytes);
  const format = media ? undefined : checkSource(bytes);
  const header = format ? readHeaderSize(bytes) : undefined;
  const mime = format ? mimeTypes[format] : (media as string);
  return {
    hash: await contentHash(bytes),
    mime,
    width: width ?? header?.width ?? 0,
    height: height ?? header?.height ?? 0,
    bytes: bytes.byteLength,
    blob: new Blob([bytes as BlobPart], { type: mime })
  };
}

const newId = (): string => crypto.randomUUID();

/** Facts the on-device tagger found, written with its tags in one go. */
export interface TagFacts {
  faceCount: number;
  width: number;
  height: number;
  exif?: AssetRow['exif'];
  prompt?: string;
}

/**
 * The asset library: every module saves its output here and reads it back. Each write is one IndexedDB
 * transaction, so a failure (a full disk included) leaves nothing half-written.
 */
export class Library {
  readonly #open: () => StudioDatabase;

  constructor(open: () => StudioDatabase = database) {
    this.#open = open;
  }

  get db(): StudioDatabase {
    return this.#open();
  }

  /** Keeps a new image, or returns the asset that already holds these exact bytes. */
  async save(blob: Blob, input: SaveMeta): Promise<SaveResult> {
    const meta = SaveMetaSchema.parse(input);
    const content = await readContent(blob, meta.width, meta.height);
    const db = this.db;
    try {
      return await db.transaction('rw', [db.assets, db.versions, db.files, db.usage, db.trash], async () => {
        const known = await db.versions.where('hash').equals(content.hash).first();
        const existing = known && (await db.assets.get(known.assetId));
        if (known && existing) {
          // Saving the same image again brings it back if it was in the trash.
          await db.trash.delete(existing.id);
          return { asset: existing, version: known, existing: true };
        }
        const now = meta.createdAt ?? Date.now();
        const assetId = newId();
        const version: VersionRow = {
          id: newId(),
          assetId,
          parentId: null,
          operation: meta.operation,
          params: meta.params ?? {},
          hash: content.hash,
          mime: content.mime,
          width: content.width,
          height: content.height,
          bytes: content.bytes,
          cost: meta.cost,
          createdAt: now
        };
        const asset: AssetRow = {
          id: assetId,
          name: meta.name,
          hash: content.hash,
          currentVersionId: version.id,
          mime: content.mime,
          width: content.width,
          height: content.height,
          bytes: content.bytes,
          source: meta.source,
          prompt: meta.prompt,
          provider: meta.provider,
          model: meta.model,
          cost: meta.cost,
          platform: meta.platform,
          note: meta.note,
          faceCount: null,
          taggedAt: null,
          createdAt: now,
          updatedAt: now
        };
        await db.files.put({ hash: content.hash, blob: content.blob });
        await db.versions.add(version);
        await db.assets.add(asset);
        await db.usage.add({
          at: now,
          kind: 'save',
          module: meta.source,
          operation: meta.operation,
          platform: meta.platform,
          provider: meta.provider,
          cost: meta.cost,
          bytes: content.bytes
        });
        return { asset, version, existing: false };
      });
    } catch (error) {
      throw toLibraryError(error, `“${meta.name}”`);
    }
  }

  /** Adds a version made from the asset's current one by `operation` with `params`; it becomes current. */
  async derive(
    assetId: string,
    operation: string,
    params: unknown,
    blob: Blob,
    extra: Omit<DeriveInput, 'operation' | 'params'> & { module?: string } = {}
  ): Promise<VersionRow> {
    const input = DeriveSchema.parse({ operation, params, ...extra });
    const content = await readContent(blob, input.width, input.height);
    const db = this.db;
    try {
      return await db.transaction('rw', [db.assets, db.versions, db.files, db.usage], async () => {
        const asset = await this.#live(assetId);
        const now = Date.now();
        const version: VersionRow = {
          id: newId(),
          assetId,
          parentId: asset.currentVersionId,
          operation: input.operation,
          params: input.params ?? {},
          hash: content.hash,
          mime: content.mime,
          width: content.width,
          height: content.height,
          bytes: content.bytes,
          cost: input.cost,
          createdAt: now
        };
        await db.files.put({ hash: content.hash, blob: content.blob });
        await db.versions.add(version);
        await this.#makeCurrent(asset, version, now);
        await db.usage.add({
          at: now,
          kind: 'operation',
          module: extra.module ?? asset.source,
          operation: input.operation,
          provider: input.provider,
          cost: input.cost,
          bytes: content.bytes
        });
        return version;
      });
    } catch (error) {
      throw toLibraryError(error, `The ${operation} result`);
    }
  }

  /** Makes an earlier version current again, as a new `revert` version, so no history is ever lost. */
  async revert(assetId: string, versionId: string): Promise<VersionRow> {
    const db = this.db;
    return db.transaction('rw', [db.assets, db.versions], async () => {
      const asset = await this.#live(assetId);
      const target = await db.versions.get(versionId);
      if (!target || target.assetId !== assetId) {
        throw new LibraryError('not_found', 'That version does not belong to this asset.');
      }
      const now = Date.now();
      const version: VersionRow = {
        ...target,
        id: newId(),
        parentId: asset.currentVersionId,
        operation: 'revert',
        params: { to: versionId },
        cost: undefined,
        createdAt: now
      };
      await db.versions.add(version);
      await this.#makeCurrent(asset, version, now);
      return version;
    });
  }

  async #live(assetId: string): Promise<AssetRow> {
    const asset = await this.db.assets.get(assetId);
    if (!asset) throw new LibraryError('not_found', 'This asset is no longer in the library.');
    return asset;
  }

  async #makeCurrent(asset: AssetRow, version: VersionRow, now: number): Promise<void> {
    await this.db.assets.update(asset.id, {
      currentVersionId: version.id,
      mime: version.mime,
      width: version.width,
      height: version.height,
      bytes: version.bytes,
      // New pixels: the tagger looks again (the user's own tags stay).
      taggedAt: null,
      problem: undefined,
      updatedAt: now
    });
  }

  get(assetId: string): Promise<AssetRow | undefined> {
    return this.db.assets.get(assetId);
  }

  /** Every version of the asset, oldest first; `parentId` gives the tree. */
  async versions(assetId: string): Promise<VersionRow[]> {
    const rows = await this.db.versions.where('assetId').equals(assetId).toArray();
    return rows.sort((a, b) => a.createdAt - b.createdAt);
  }

  async versionBlob(versionId: string): Promise<Blob> {
    const version = await this.db.versions.get(versionId);
    const file = version && (await this.db.files.get(version.hash));
    if (!file) throw new LibraryError('not_found', 'The image of this version is missing.');
    return file.blob;
  }

  async currentBlob(assetId: string): Promise<Blob> {
    return this.versionBlob((await this.#live(assetId)).currentVersionId);
  }

  /** Assets not in the trash, newest first. */
  async liveAssets(): Promise<AssetRow[]> {
    const db = this.db;
    return db.transaction('r', [db.assets, db.trash], async () => {
      const trashed = new Set(await db.trash.toCollection().primaryKeys());
      const rows = await db.assets.orderBy('createdAt').reverse().toArray();
      return rows.filter((row) => !trashed.has(row.id));
    });
  }

  /** Every live asset joined with its tags, favourite, collections and campaign, newest first. */
  async entries(): Promise<LibraryEntry[]> {
    const db = this.db;
    const { assets, trash, tags, favourites, collections, collectionItems, campaigns } = db;
    return db.transaction(
      'r',
      [assets, trash, tags, favourites, collections, collectionItems, campaigns],
      async () =>
        joinEntries({
          assets: await this.liveAssets(),
          tags: await db.tags.toArray(),
          favourites: await db.favourites.toCollection().primaryKeys(),
          collections: await db.collections.toArray(),
          collectionItems: await db.collectionItems.toArray(),
          campaigns: await db.campaigns.toArray()
        })
    );
  }

  /**
   * The newest `limit` live assets as entries: a first page to show before the whole library is read. The
   * reads after the page's rows go out together, so IndexedDB answers them in one pass instead of one
   * round trip each.
   */
  async recentEntries(limit: number): Promise<LibraryEntry[]> {
    const db = this.db;
    const { assets, trash, tags, favourites, collections, collectionItems, campaigns } = db;
    return db.transaction(
      'r',
      [assets, trash, tags, favourites, collections, collectionItems, campaigns],
      async () => {
        const [trashed, allCollections, allCampaigns] = await Promise.all([
          db.trash.toCollection().primaryKeys(),
          db.collections.toArray(),
          db.campaigns.toArray()
        ]);
        const hidden = new Set(trashed);
        const rows = await db.assets
          .orderBy('createdAt')
          .reverse()
          .filter((row) => !hidden.has(row.id))
          .limit(limit)
          .toArray();
        const ids = rows.map((row) => row.id);
        const [rowTags, rowFavourites, rowItems] = await Promise.all([
          Promise.all(ids.map((id) => db.tags.where('assetId').equals(id).toArray())),
          db.favourites.bulkGet(ids),
          Promise.all(ids.map((id) => db.collectionItems.where('assetId').equals(id).toArray()))
        ]);
        return joinEntries({
          assets: rows,
          tags: rowTags.flat(),
          favourites: rowFavourites.flatMap((row) => (row ? [row.assetId] : [])),
          collections: allCollections,
          collectionItems: rowItems.flat(),
          campaigns: allCampaigns
        });
      }
    );
  }

  async setFavourite(assetIds: readonly string[], favourite: boolean): Promise<void> {
    const now = Date.now();
    if (favourite) await this.db.favourites.bulkPut(assetIds.map((assetId) => ({ assetId, addedAt: now })));
    else await this.db.favourites.bulkDelete([...assetIds]);
  }

  async addTag(assetIds: readonly string[], tag: string): Promise<void> {
    const clean = tag.trim().toLowerCase();
    if (!clean) return;
    await this.db.tags.bulkPut(
      assetIds.map((assetId) => ({ assetId, tag: clean, origin: 'user', kind: 'user' }))
    );
  }

  async removeTag(assetId: string, tag: string): Promise<void> {
    await this.db.tags.delete([assetId, tag]);
  }

  /** Replaces the tagger's tags (the user's own stay) and records what it found, in one transaction. */
  async setAutoTags(assetId: string, tags: readonly AutoTag[], facts: TagFacts): Promise<void> {
    const db = this.db;
    await db.transaction('rw', [db.tags, db.assets], async () => {
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
        tags.filter((tag) => !user.has(tag.tag)).map((tag) => ({ assetId, ...tag, origin: 'auto' as const }))
      );
      await db.assets.update(assetId, { ...facts, taggedAt: Date.now() });
    });
  }

  /** Records why the thumbnail or tags failed; the asset counts as looked at until its next version. */
  async setProblem(assetId: string, problem: AssetProblem): Promise<void> {
    await this.db.assets.update(assetId, { problem, taggedAt: Date.now() });
  }

  async setThumbnail(row: ThumbnailRow): Promise<void> {
    await this.db.thumbnails.put(row);
  }

  thumbnail(assetId: string): Promise<ThumbnailRow | undefined> {
    return this.db.thumbnails.get(assetId);
  }

  async createCollection(name: string, campaignId?: string): Promise<CollectionRow> {
    const row: CollectionRow = {
      id: newId(),
      name: name.trim(),
      order: await this.db.collections.count(),
      campaignId,
      createdAt: Date.now()
    };
    await this.db.collections.add(row);
    return row;
  }

  async updateCollection(
    id: string,
    patch: Partial<Pick<CollectionRow, 'name' | 'coverAssetId' | 'campaignId'>>
  ): Promise<void> {
    await this.db.collections.update(id, patch);
  }

  async deleteCollection(id: string): Promise<void> {
    const db = this.db;
    await db.transaction('rw', [db.collections, db.collectionItems], async () => {
      await db.collectionItems.where('collectionId').equals(id).delete();
      await db.collections.delete(id);
    });
  }

  async addToCollection(assetIds: readonly string[], collectionId: string): Promise<void> {
    const now = Date.now();
    await this.db.collectionItems.bulkPut(
      assetIds.map((assetId) => ({ collectionId, assetId, addedAt: now }))
    );
  }

  async removeFromCollection(assetIds: readonly string[], collectionId: string): Promise<void> {
    await this.db.collectionItems.bulkDelete(
      assetIds.map((assetId) => [collectionId, assetId] as [string, string])
    );
  }

  async createCampaign(
    input: Pick<CampaignRow, 'name'> & Partial<Pick<CampaignRow, 'startsOn' | 'endsOn' | 'channels'>>
  ): Promise<CampaignRow> {
    const row: CampaignRow = {
      id: newId(),
      name: input.name.trim(),
      order: await this.db.campaigns.count(),
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      channels: input.channels ?? [],
      createdAt: Date.now()
    };
    await this.db.campaigns.add(row);
    return row;
  }

  async updateCampaign(
    id: string,
    patch: Partial<Pick<CampaignRow, 'name' | 'startsOn' | 'endsOn' | 'channels' | 'coverAssetId'>>
  ): Promise<void> {
    await this.db.campaigns.update(id, patch);
  }

  /** Puts the assets in a campaign, or takes them out of any with `undefined`. */
  async moveToCampaign(assetIds: readonly string[], campaignId: string | undefined): Promise<void> {
    const db = this.db;
    await db.transaction('rw', [db.assets], async () => {
      for (const id of assetIds) await db.assets.update(id, { campaignId, updatedAt: Date.now() });
    });
  }

  /** Stores the given order (first id first) for collections or campaigns. */
  async reorder(kind: 'collections' | 'campaigns', ids: readonly string[]): Promise<void> {
    const table = this.db[kind] as Table<CollectionRow | CampaignRow, string>;
    await this.db.transaction('rw', [table], async () => {
      for (const [order, id] of ids.entries()) await table.update(id, { order });
    });
  }

  async createBoard(name: string, items: BoardRow['items'] = []): Promise<BoardRow> {
    const now = Date.now();
    const row: BoardRow = { id: newId(), name: name.trim(), items, createdAt: now, updatedAt: now };
    await this.db.boards.add(row);
    return row;
  }

  async setBoardItems(id: string, items: BoardRow['items']): Promise<void> {
    await this.db.boards.update(id, { items, updatedAt: Date.now() });
  }

  async updateBoard(
    id: string,
    patch: Partial<Pick<BoardRow, 'name' | 'note' | 'coverAssetId' | 'items' | 'share'>>
  ): Promise<void> {
    await this.db.boards.update(id, { ...patch, updatedAt: Date.now() });
  }

  async deleteBoard(id: string): Promise<void> {
    await this.db.boards.delete(id);
  }

  /** Boards, most recently changed first. */
  boards(): Promise<BoardRow[]> {
    return this.db.boards.orderBy('updatedAt').reverse().toArray();
  }

  /** Moves assets to the trash; the returned batch id undoes exactly this delete. */
  async trash(assetIds: readonly string[]): Promise<string> {
    const batchId = newId();
    const deletedAt = Date.now();
    await this.db.trash.bulkPut(assetIds.map((assetId) => ({ assetId, batchId, deletedAt })));
    return batchId;
  }

  async undoTrash(batchId: string): Promise<number> {
    return this.db.trash.where('batchId').equals(batchId).delete();
  }

  /**
   * Deletes for good what has been in the trash for 30 days (or everything, with `all`). Runs on every library
   * visit, so it looks first and locks every library table for writing only when something is due: a write
   * lock would hold up every other tab's reads, and the next page's first one.
   */
  async purgeTrash(now = Date.now(), all = false): Promise<number> {
    const db = this.db;
    const due = (row: TrashRow) => all || now - row.deletedAt >= TRASH_RETENTION_MS;
    if (!(await db.trash.filter(due).count())) return 0;
    return db.transaction('rw', db.libraryTables, async () => {
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
    });
  }

  async recordUsage(event: Omit<UsageEventRow, 'id' | 'at'> & { at?: number }): Promise<void> {
    await this.db.usage.add({ ...event, at: event.at ?? Date.now() });
  }
}

/** The app's library over the app's database. */
export const library = new Library();
