import { Unzip, UnzipInflate, UnzipPassThrough, Zip, ZipPassThrough, strFromU8, strToU8 } from 'fflate';
import { LibraryError } from '$core/errors/library-error';
import { ARCHIVE_FORMAT, ManifestSchema, type Manifest } from '$core/library/manifest';
import type {
  AssetRow,
  BoardRow,
  CampaignRow,
  CollectionItemRow,
  CollectionRow,
  FavouriteRow,
  TagRow,
  ThumbnailRow,
  VersionRow
} from '$lib/db/database';
import { contentHash } from './hash';
import type { LibraryStore } from './store';

export type ArchiveProgress = (done: number, total: number) => void;

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
/** Lets the page paint between files: a big library must not freeze the tab while it is packed. */
const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));

async function unzipAll(archive: Blob): Promise<Map<string, Uint8Array>> {
  const entries = new Map<string, Uint8Array[]>();
  const unzip = new Unzip((file) => {
    const parts: Uint8Array[] = [];
    entries.set(file.name, parts);
    file.ondata = (error, chunk) => {
      if (error) throw error;
      parts.push(chunk);
    };
    file.start();
  });
  unzip.register(UnzipPassThrough);
  unzip.register(UnzipInflate);
  const reader = archive.stream().getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    unzip.push(value);
  }
  unzip.push(new Uint8Array(0), true);
  return new Map(
    [...entries].map(([name, parts]) => {
      const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
      let offset = 0;
      for (const part of parts) {
        joined.set(part, offset);
        offset += part.length;
      }
      return [name, joined];
    })
  );
}

function readManifest(entries: Map<string, Uint8Array>): Manifest {
  const raw = entries.get('manifest.json');
  if (!raw)
    throw new LibraryError(
      'invalid_archive',
      'This ZIP is not an Image Studio library export (no manifest.json).'
    );
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(raw));
  } catch {
    throw new LibraryError('invalid_archive', 'The library manifest in this ZIP is not valid JSON.');
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LibraryError(
      'invalid_archive',
      `The library manifest is not one we can read (${issue?.path.join('.')}: ${issue?.message}).`
    );
  }
  return parsed.data;
}

/**
 * The whole live library (trash excluded) as a ZIP: `manifest.json` plus every version's file, stored
 * without recompression since images are already compressed.
 */
async function packLibrary(
  store: LibraryStore,
  assets: AssetRow[],
  onProgress?: ArchiveProgress
): Promise<Blob> {
  const db = store.db;
  const ids = new Set(assets.map((asset) => asset.id));
  const live = <T extends { assetId: string }>(rows: T[]) => rows.filter((row) => ids.has(row.assetId));
  const [versions, tags, favourites, collections, collectionItems, campaigns, boards, thumbnails] =
    await Promise.all([
      db.versions.toArray().then(live),
      db.tags.toArray().then(live),
      db.favourites.toArray().then(live),
      db.collections.toArray(),
      db.collectionItems.toArray().then(live),
      db.campaigns.toArray(),
      db.boards.toArray(),
      db.thumbnails.toArray().then(live)
    ]);
  const hashes = [...new Set(versions.map((version) => version.hash))];
  const files = (await db.files.bulkGet(hashes)).filter((file) => file !== undefined);

  const manifest = {
    format: ARCHIVE_FORMAT,
    version: 1,
    exportedAt: Date.now(),
    assets,
    versions,
    files: files.map((file) => ({ hash: file.hash, mime: file.blob.type, path: `files/${file.hash}` })),
    thumbnails: thumbnails.map(({ blob: _blob, ...rest }) => ({
      ...rest,
      path: `thumbnails/${rest.assetId}.webp`
    })),
    tags,
    favourites,
    collections,
    collectionItems,
    campaigns,
    boards
  };

  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  const add = (path: string, bytes: Uint8Array) => {
    const entry = new ZipPassThrough(path);
    zip.add(entry);
    entry.push(bytes, true);
  };
  add('manifest.json', strToU8(JSON.stringify(manifest)));
  const total = files.length + thumbnails.length;
  let done = 0;
  for (const file of files) {
    add(`files/${file.hash}`, await bytesOf(file.blob));
    onProgress?.(++done, total);
    await breathe();
  }
  for (const thumbnail of thumbnails) {
    add(`thumbnails/${thumbnail.assetId}.webp`, await bytesOf(thumbnail.blob));
    onProgress?.(++done, total);
  }
  zip.end();
  return new Blob(chunks as BlobPart[], { type: 'application/zip' });
}

/**
 * Brings an exported library back: every file is checked against its hash first, then everything is
 * written in one transaction, so a damaged ZIP or a full disk adds nothing at all.
 */
async function unpackLibrary(
  store: LibraryStore,
  archive: Blob,
  onProgress?: ArchiveProgress
): Promise<number> {
  let entries: Map<string, Uint8Array>;
  try {
    entries = await unzipAll(archive);
  } catch (error) {
    throw new LibraryError(
      'invalid_archive',
      `This file is not a readable ZIP (${(error as Error).message}).`
    );
  }
  const manifest = readManifest(entries);
  const files: { hash: string; blob: Blob }[] = [];
  for (const [index, file] of manifest.files.entries()) {
    const bytes = entries.get(file.path);
    if (!bytes || (await contentHash(bytes)) !== file.hash) {
      throw new LibraryError(
        'invalid_archive',
        `The ZIP is damaged: ${file.path} is missing or does not match its hash.`
      );
    }
    files.push({ hash: file.hash, blob: new Blob([bytes as BlobPart], { type: file.mime }) });
    onProgress?.(index + 1, manifest.files.length);
  }
  const thumbnails = manifest.thumbnails.flatMap(({ path, ...row }) => {
    const bytes = entries.get(path);
    return bytes
      ? [{ ...row, blob: new Blob([bytes as BlobPart], { type: 'image/webp' }) } as unknown as ThumbnailRow]
      : [];
  });
  await store.write(
    'The imported library',
    (db) => db.libraryTables,
    async (db) => {
      await db.files.bulkPut(files);
      await db.versions.bulkPut(manifest.versions as unknown as VersionRow[]);
      await db.assets.bulkPut(manifest.assets as unknown as AssetRow[]);
      await db.thumbnails.bulkPut(thumbnails);
      await db.tags.bulkPut(manifest.tags as unknown as TagRow[]);
      await db.favourites.bulkPut(manifest.favourites as unknown as FavouriteRow[]);
      await db.collections.bulkPut(manifest.collections as unknown as CollectionRow[]);
      await db.collectionItems.bulkPut(manifest.collectionItems as unknown as CollectionItemRow[]);
      await db.campaigns.bulkPut(manifest.campaigns as unknown as CampaignRow[]);
      await db.boards.bulkPut(manifest.boards as unknown as BoardRow[]);
      // An imported asset that sat in this device's trash is wanted again.
      await db.trash.bulkDelete(manifest.assets.map((asset) => asset.id));
    }
  );
  return manifest.assets.length;
}

/** The library as one ZIP and back (`manifest.json` plus every file), for moving it or keeping a copy. */
export class LibraryArchive {
  readonly #store: LibraryStore;
  readonly #liveAssets: () => Promise<AssetRow[]>;

  constructor(store: LibraryStore, liveAssets: () => Promise<AssetRow[]>) {
    this.#store = store;
    this.#liveAssets = liveAssets;
  }

  /** Everything but the trash. */
  async export(onProgress?: ArchiveProgress): Promise<Blob> {
    return packLibrary(this.#store, await this.#liveAssets(), onProgress);
  }

  import(archive: Blob, onProgress?: ArchiveProgress): Promise<number> {
    return unpackLibrary(this.#store, archive, onProgress);
  }
}
