import type { Table } from 'dexie';
import { SaveMetaSchema, type SaveMeta } from '$core/library/meta';
import { joinEntries, type LibraryEntry } from '$core/library/entries';
import type { AssetRow, StudioDatabase, UsageEventRow, VersionRow } from '$lib/db/database';
import { LibraryArchive } from './archive';
import { readContent } from './content';
import { LibraryOrganiser } from './organise';
import { LibraryStore, newId } from './store';
import { LibraryTagging } from './tagging';
import { LibraryTrash } from './trash';
import { LibraryVersions, liveAsset } from './versions';

export interface SaveResult {
  asset: AssetRow;
  version: VersionRow;
  /** True when an asset with identical content was already kept: nothing new was stored. */
  existing: boolean;
}

const entryTables = (db: StudioDatabase): Table[] => [
  db.assets,
  db.trash,
  db.tags,
  db.favourites,
  db.collections,
  db.collectionItems,
  db.campaigns
];

/**
 * The asset library: every module saves its output here and reads it back, and nothing outside
 * `src/lib/library/` touches its tables. Its parts share one `LibraryStore`, whose writes are each one
 * IndexedDB transaction: `versions` (derive, revert, history), `organise` (favourites, tags, collections,
 * campaigns, boards), `trash`, `tagging` (the background thumbnailer and tagger) and `archive` (ZIP export
 * and import).
 */
export class Library {
  readonly #store: LibraryStore;
  readonly versions: LibraryVersions;
  readonly organise: LibraryOrganiser;
  readonly trash: LibraryTrash;
  readonly tagging: LibraryTagging;
  readonly archive: LibraryArchive;

  constructor(open?: () => StudioDatabase) {
    this.#store = new LibraryStore(open);
    this.versions = new LibraryVersions(this.#store);
    this.organise = new LibraryOrganiser(this.#store);
    this.trash = new LibraryTrash(this.#store);
    this.tagging = new LibraryTagging(this.#store);
    this.archive = new LibraryArchive(this.#store, () => this.liveAssets());
  }

  /** Keeps a new image, or returns the asset that already holds these exact bytes. */
  async save(blob: Blob, input: SaveMeta): Promise<SaveResult> {
    const meta = SaveMetaSchema.parse(input);
    const content = await readContent(blob, meta.width, meta.height);
    return this.#store.write(
      `“${meta.name}”`,
      (db) => [db.assets, db.versions, db.files, db.usage, db.trash],
      async (db) => {
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
      }
    );
  }

  get(assetId: string): Promise<AssetRow | undefined> {
    return this.#store.db.assets.get(assetId);
  }

  /** The file of the asset's current version. */
  async currentBlob(assetId: string): Promise<Blob> {
    return this.versions.blob((await liveAsset(this.#store.db, assetId)).currentVersionId);
  }

  /** Assets not in the trash, newest first. */
  liveAssets(): Promise<AssetRow[]> {
    return this.#store.read(
      (db) => [db.assets, db.trash],
      async (db) => {
        const trashed = new Set(await db.trash.toCollection().primaryKeys());
        const rows = await db.assets.orderBy('createdAt').reverse().toArray();
        return rows.filter((row) => !trashed.has(row.id));
      }
    );
  }

  /** Every live asset joined with its tags, favourite, collections and campaign, newest first. */
  entries(): Promise<LibraryEntry[]> {
    return this.#store.read(entryTables, async (db) =>
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
  recentEntries(limit: number): Promise<LibraryEntry[]> {
    return this.#store.read(entryTables, async (db) => {
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
    });
  }

  async recordUsage(event: Omit<UsageEventRow, 'id' | 'at'> & { at?: number }): Promise<void> {
    await this.#store.write(
      'The usage record',
      (db) => [db.usage],
      (db) => db.usage.add({ ...event, at: event.at ?? Date.now() })
    );
  }

  /** Every recorded save, operation and export, for the Insights panel. */
  usage(): Promise<UsageEventRow[]> {
    return this.#store.db.usage.toArray();
  }

  /** Bytes of every kept file (each content once, however many versions share it). */
  async storedBytes(): Promise<number> {
    return (await this.#store.db.files.toArray()).reduce((sum, file) => sum + file.blob.size, 0);
  }
}

/** The app's library over the app's database. */
export const library = new Library();
