import { LibraryError } from '$core/errors/library-error';
import {
  DeriveSchema,
  ExportVersionSchema,
  type DeriveInput,
  type ExportVersionInput
} from '$core/library/meta';
import type { AssetRow, StudioDatabase, VersionRow } from '$lib/db/database';
import { readContent, type Content } from './content';
import { newId, type LibraryStore } from './store';

export async function liveAsset(db: StudioDatabase, assetId: string): Promise<AssetRow> {
  const asset = await db.assets.get(assetId);
  if (!asset) throw new LibraryError('not_found', 'This asset is no longer in the library.');
  return asset;
}

async function makeCurrent(db: StudioDatabase, asset: AssetRow, version: VersionRow, now: number) {
  await db.assets.update(asset.id, {
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

function versionRow(
  assetId: string,
  parentId: string | null,
  content: Content,
  fields: Pick<VersionRow, 'operation' | 'params' | 'label' | 'cost'>,
  now: number
): VersionRow {
  return {
    id: newId(),
    assetId,
    parentId,
    ...fields,
    hash: content.hash,
    mime: content.mime,
    width: content.width,
    height: content.height,
    bytes: content.bytes,
    createdAt: now
  };
}

/** An asset's history: every version is kept, and reverting adds one rather than removing any. */
export class LibraryVersions {
  readonly #store: LibraryStore;

  constructor(store: LibraryStore) {
    this.#store = store;
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
    return this.#store.write(
      `The ${operation} result`,
      (db) => [db.assets, db.versions, db.files, db.usage],
      async (db) => {
        const asset = await liveAsset(db, assetId);
        const now = Date.now();
        const version = versionRow(
          assetId,
          asset.currentVersionId,
          content,
          { operation: input.operation, params: input.params ?? {}, cost: input.cost },
          now
        );
        await db.files.put({ hash: content.hash, blob: content.blob });
        await db.versions.add(version);
        await makeCurrent(db, asset, version, now);
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
      }
    );
  }

  /**
   * Keeps a file exported from `parentId` (a version of the asset) as a named version beside it. The asset's
   * current version stays, and the export is counted for its platform.
   */
  async addExport(
    assetId: string,
    parentId: string,
    input: ExportVersionInput,
    blob: Blob
  ): Promise<VersionRow> {
    const meta = ExportVersionSchema.parse(input);
    const content = await readContent(blob, meta.width, meta.height);
    return this.#store.write(
      `The export “${meta.label}”`,
      (db) => [db.assets, db.versions, db.files, db.usage],
      async (db) => {
        await liveAsset(db, assetId);
        const parent = await db.versions.get(parentId);
        if (!parent || parent.assetId !== assetId) {
          throw new LibraryError('not_found', 'The exported photo is no longer in the library.');
        }
        const now = Date.now();
        const version = versionRow(
          assetId,
          parentId,
          content,
          { operation: meta.operation, params: meta.params ?? {}, label: meta.label },
          now
        );
        await db.files.put({ hash: content.hash, blob: content.blob });
        await db.versions.add(version);
        await db.usage.add({
          at: now,
          kind: 'export',
          module: meta.module,
          operation: meta.operation,
          platform: meta.platform,
          bytes: content.bytes
        });
        return version;
      }
    );
  }

  /** Makes an earlier version current again, as a new `revert` version, so no history is ever lost. */
  revert(assetId: string, versionId: string): Promise<VersionRow> {
    return this.#store.write(
      'The revert',
      (db) => [db.assets, db.versions],
      async (db) => {
        const asset = await liveAsset(db, assetId);
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
        await makeCurrent(db, asset, version, now);
        return version;
      }
    );
  }

  /** Every version of the asset, oldest first; `parentId` gives the tree. */
  async list(assetId: string): Promise<VersionRow[]> {
    const rows = await this.#store.db.versions.where('assetId').equals(assetId).toArray();
    return rows.sort((a, b) => a.createdAt - b.createdAt);
  }

  async blob(versionId: string): Promise<Blob> {
    const db = this.#store.db;
    const version = await db.versions.get(versionId);
    const file = version && (await db.files.get(version.hash));
    if (!file) throw new LibraryError('not_found', 'The image of this version is missing.');
    return file.blob;
  }
}
