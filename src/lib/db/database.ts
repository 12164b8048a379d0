import Dexie, { type EntityTable, type Table } from 'dexie';
import type { assetSources } from '$core/library/meta';
import type { ExifFacts } from '$core/library/summary';
import type { TagKind } from '$core/library/tags';
import type { JobStatus } from '$core/batch/job-state';

/** A small value kept on the device (preferences, the proxy URL and token…), validated with zod on read. */
export interface SettingRow {
  key: string;
  value: unknown;
  updatedAt: number;
}

/** A platform preset the user made or edited; same shape as the built-in catalogue's entries. */
export interface UserPresetRow {
  id: string;
  platform: string;
  preset: unknown;
  favourite: boolean;
  updatedAt: number;
}

/** A crop the user chose by hand for one source image and one preset; it wins over automatic cropping. */
export interface CropChoiceRow {
  sourceHash: string;
  presetId: string;
  choice: unknown;
  updatedAt: number;
}

/** Where an asset came from: a studio module, or an import from disk. */
export type AssetSource = (typeof assetSources)[number];

/** One image the user keeps. Its pixels are the current version's file; the row carries what search needs. */
export interface AssetRow {
  id: string;
  name: string;
  /** Content hash (SHA-256 hex) of the first version: identical imports land on the same asset. */
  hash: string;
  currentVersionId: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  source: AssetSource;
  prompt?: string;
  provider?: string;
  model?: string;
  /** What the generating operation cost, in US dollars. */
  cost?: number;
  platform?: string;
  campaignId?: string;
  note?: string;
  /** Null until tagging ran; tagging is lazy, in the background. */
  faceCount: number | null;
  taggedAt: number | null;
  exif?: { camera?: string; takenAt?: string };
  /** Why the current version could not be thumbnailed or tagged; cleared by the next version. */
  problem?: AssetProblem;
  createdAt: number;
  updatedAt: number;
}

export interface AssetProblem {
  code: string;
  message: string;
}

/** One state of an asset; `parentId` links it to the version it was derived from. */
export interface VersionRow {
  id: string;
  assetId: string;
  parentId: string | null;
  /** The operation that produced this version (`import`, `resize`, `inpaint`…) and its full parameters. */
  operation: string;
  params: unknown;
  /** What the user reads in the history instead of the operation (an export: its preset and size). Unindexed. */
  label?: string;
  hash: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  cost?: number;
  createdAt: number;
}

/** Image bytes, stored once per content hash however many versions or assets point at them. */
export interface FileRow {
  hash: string;
  blob: Blob;
}

export interface ThumbnailRow {
  assetId: string;
  /** The version the thumbnail was made from, so a revert or derive makes a new one. */
  versionId: string;
  blob: Blob;
  width: number;
  height: number;
  /** Facts read in the same look at the image, kept for the tagger so it need not decode again. */
  colours: string[];
  exif: ExifFacts;
  sourceWidth: number;
  sourceHeight: number;
}

export interface TagRow {
  assetId: string;
  tag: string;
  /** Who set it: the on-device tagger, or the user (user tags survive re-tagging). */
  origin: 'auto' | 'user';
  kind: TagKind;
}

export interface CollectionRow {
  id: string;
  name: string;
  order: number;
  coverAssetId?: string;
  campaignId?: string;
  createdAt: number;
}

export interface CollectionItemRow {
  collectionId: string;
  assetId: string;
  addedAt: number;
}

export interface FavouriteRow {
  assetId: string;
  addedAt: number;
}

export interface CampaignRow {
  id: string;
  name: string;
  order: number;
  /** ISO dates (yyyy-mm-dd). */
  startsOn?: string;
  endsOn?: string;
  channels: string[];
  coverAssetId?: string;
  createdAt: number;
}

/** The owner's side of a shared board: its link, key and owner token stay on this device only. */
export interface BoardShare {
  id: string;
  /** The AES key as base64url, the link's fragment; kept so the owner can update in place and read comments. */
  key: string;
  ownerToken: string;
  version: number;
  expiresAt: number | null;
  maxSide: number;
  sharedAt: number;
}

export interface BoardRow {
  id: string;
  name: string;
  /** Ordered: the board shows them in this order, each with the user's note. */
  items: { assetId: string; note: string }[];
  /** Unindexed fields added after v2 shipped; absent on older rows. */
  note?: string;
  coverAssetId?: string;
  share?: BoardShare;
  createdAt: number;
  updatedAt: number;
}

/** What the user did, kept only on this device, for the usage charts. */
export interface UsageEventRow {
  id?: number;
  at: number;
  kind: 'save' | 'operation' | 'export';
  module: string;
  operation?: string;
  platform?: string;
  provider?: string;
  cost?: number;
  bytes?: number;
}

/** A long AI job (video, avatar, 3D) the page started: kept until its result is in the library, so a reload resumes it. */
export interface StudioJobRow {
  /** The proxy's job id. */
  id: string;
  module: 'transform';
  operation: string;
  /** The operation as sent, recorded with the result. */
  params: unknown;
  sourceAssetId: string;
  sourceName: string;
  /** What the result is saved as: its size, when the provider does not say (videos). */
  width?: number;
  height?: number;
  createdAt: number;
}

/** A reference image in the Control Studio's style library. */
export interface StyleRow {
  id: string;
  name: string;
  blob: Blob;
  thumbnail: Blob;
  createdAt: number;
}

/** An asset in the trash; `batchId` groups one delete so a single Undo restores it all. */
export interface TrashRow {
  assetId: string;
  batchId: string;
  deletedAt: number;
}

/** One batch: a CSV import or a local set of photos × presets, run by `src/lib/batch/runner.ts`. */
export interface BatchRow {
  id: string;
  name: string;
  kind: 'ai' | 'local';
  /** `scheduled` waits for `scheduleAt`; `active` lets its jobs run; `paused` and `cancelled` hold them. */
  status: 'scheduled' | 'active' | 'paused' | 'cancelled' | 'done';
  scheduleAt?: number;
  /** The schedule passed while the app was closed; the batch started on the next open. */
  late?: boolean;
  campaign?: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  /** Set when the finish notice was shown, so a second tab or a reload does not show it again. */
  notifiedAt?: number;
  /** The finish e-mail the user asked for in Settings: sent, or why not (not indexed: no schema version). */
  mail?: { at: number; sent: boolean; message: string };
}

/** One unit of work in a batch; its status only moves as `core/batch/job-state.ts` allows. */
export interface JobRow {
  id: string;
  batchId: string;
  /** The CSV line (or photo index for a local batch) the job came from. */
  row: number;
  /** Steps in order (`generate`, `optimize`, `tag`); a step's result assets feed the next. */
  steps: ('generate' | 'optimize' | 'tag')[];
  /** How many steps finished; a resumed job starts at the next one. */
  stepsDone: number;
  /** What the last finished step produced: the next step's input. */
  carryAssetIds?: string[];
  /** The AI operation (for `generate`); absent for a local job. */
  operation?: unknown;
  /** Asset ids the job starts from (a local job's photo), and preset ids for `optimize`. */
  inputAssetIds: string[];
  presets: string[];
  persona?: string;
  campaign?: string;
  /** `local` for on-device work; the per-provider concurrency limit groups by it. */
  provider: string;
  status: JobStatus;
  attempts: number;
  lastError?: { code: string; message: string };
  /** Sent with every attempt: the proxy replays instead of charging again. */
  idempotencyKey: string;
  costEstimateMicros: number;
  costActualMicros?: number;
  resultAssetIds: string[];
  /** Not before this time (backoff after a retryable error). */
  notBefore?: number;
  createdAt: number;
  updatedAt: number;
  startedAt?: number;
  finishedAt?: number;
}

/**
 * Every schema version the app has shipped, oldest first. Never edit a shipped entry: add a new version
 * (with an `upgrade` when existing rows must change), or users' data is lost on update.
 */
export const schemaVersions: { version: number; stores: Record<string, string | null> }[] = [
  {
    version: 1,
    stores: {
      settings: 'key',
      presets: 'id, platform, favourite, updatedAt',
      cropChoices: '[sourceHash+presetId], sourceHash'
    }
  },
  {
    version: 2,
    stores: {
      assets: 'id, hash, source, createdAt, updatedAt, campaignId, taggedAt, currentVersionId',
      versions: 'id, assetId, parentId, hash',
      files: 'hash',
      thumbnails: 'assetId, versionId',
      tags: '[assetId+tag], assetId, tag',
      collections: 'id, order, campaignId',
      collectionItems: '[collectionId+assetId], collectionId, assetId',
      favourites: 'assetId',
      campaigns: 'id, order',
      boards: 'id, updatedAt',
      usage: '++id, at, kind, module',
      trash: 'assetId, batchId, deletedAt'
    }
  },
  {
    version: 3,
    stores: {
      batches: 'id, status, createdAt',
      jobs: 'id, batchId, status, [batchId+status]'
    }
  },
  {
    version: 4,
    stores: {
      studioJobs: 'id, module, createdAt',
      styles: 'id, createdAt'
    }
  },
  {
    // The background thumbnailer and tagger pick images by type from the index (a Transform result is a video).
    version: 5,
    stores: {
      assets: 'id, hash, source, createdAt, updatedAt, campaignId, taggedAt, currentVersionId, mime'
    }
  }
];

export class StudioDatabase extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  presets!: EntityTable<UserPresetRow, 'id'>;
  cropChoices!: EntityTable<CropChoiceRow, 'sourceHash'>;
  assets!: EntityTable<AssetRow, 'id'>;
  versions!: EntityTable<VersionRow, 'id'>;
  files!: EntityTable<FileRow, 'hash'>;
  thumbnails!: EntityTable<ThumbnailRow, 'assetId'>;
  tags!: Table<TagRow, [string, string]>;
  collections!: EntityTable<CollectionRow, 'id'>;
  collectionItems!: Table<CollectionItemRow, [string, string]>;
  favourites!: EntityTable<FavouriteRow, 'assetId'>;
  campaigns!: EntityTable<CampaignRow, 'id'>;
  boards!: EntityTable<BoardRow, 'id'>;
  usage!: EntityTable<UsageEventRow, 'id'>;
  trash!: EntityTable<TrashRow, 'assetId'>;
  batches!: EntityTable<BatchRow, 'id'>;
  jobs!: EntityTable<JobRow, 'id'>;
  studioJobs!: EntityTable<StudioJobRow, 'id'>;
  styles!: EntityTable<StyleRow, 'id'>;

  /** Every table of the asset library, for transactions that must see or change all of it at once. */
  get libraryTables(): Table[] {
    return [
      this.assets,
      this.versions,
      this.files,
      this.thumbnails,
      this.tags,
      this.collections,
      this.collectionItems,
      this.favourites,
      this.campaigns,
      this.boards,
      this.trash
    ];
  }

  constructor(name = 'image-studio', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const { version, stores } of schemaVersions) this.version(version).stores(stores);
  }
}

let instance: StudioDatabase | undefined;

/** The app's one database, opened on first use (never at import, so Node code can import freely). */
export function database(): StudioDatabase {
  instance ??= new StudioDatabase();
  return instance;
}
