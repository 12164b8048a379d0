/** The asset row's fields that the library page and search read. */
export interface EntryAsset {
  id: string;
  name: string;
  source: string;
  platform?: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  prompt?: string;
  provider?: string;
  note?: string;
  cost?: number;
  createdAt: number;
  updatedAt: number;
  faceCount: number | null;
  taggedAt: number | null;
  campaignId?: string;
  /** Why the thumbnail or the tags could not be made, shown instead of waiting for them forever. */
  problem?: { code: string; message: string };
}

/** One asset as the library page and search see it: its row joined with tags, favourite and groupings. */
export interface LibraryEntry extends EntryAsset {
  tags: string[];
  favourite: boolean;
  collectionIds: string[];
  collectionNames: string[];
  campaignName?: string;
}

export interface EntryRows {
  assets: readonly EntryAsset[];
  tags: readonly { assetId: string; tag: string }[];
  favourites: readonly string[];
  collections: readonly { id: string; name: string }[];
  collectionItems: readonly { collectionId: string; assetId: string }[];
  campaigns: readonly { id: string; name: string }[];
}

const groupBy = <T>(rows: readonly T[], key: (row: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
};

/** Joins the library's tables into entries, in the order of `assets`. */
export function joinEntries(rows: EntryRows): LibraryEntry[] {
  const tags = groupBy(rows.tags, (row) => row.assetId);
  const items = groupBy(rows.collectionItems, (row) => row.assetId);
  const favourites = new Set(rows.favourites);
  const collectionName = new Map(rows.collections.map((row) => [row.id, row.name]));
  const campaignName = new Map(rows.campaigns.map((row) => [row.id, row.name]));
  return rows.assets.map((asset) => {
    const collectionIds = (items.get(asset.id) ?? [])
      .map((item) => item.collectionId)
      .filter((id) => collectionName.has(id));
    return {
      ...asset,
      tags: (tags.get(asset.id) ?? []).map((row) => row.tag),
      favourite: favourites.has(asset.id),
      collectionIds,
      collectionNames: collectionIds.map((id) => collectionName.get(id) ?? ''),
      campaignName: asset.campaignId ? campaignName.get(asset.campaignId) : undefined
    };
  });
}

export interface EntryFilter {
  /** Image format as in the mime type's subtype: jpeg, png, webp… */
  type?: string;
  source?: string;
  platform?: string;
  /** Inclusive range of creation times (ms since epoch). */
  from?: number;
  to?: number;
  favourite?: boolean;
  campaignId?: string;
  collectionId?: string;
  hasFaces?: boolean;
}

export const entrySorts = ['newest', 'oldest', 'name', 'largest', 'updated'] as const;
export type EntrySort = (typeof entrySorts)[number] | 'relevance';

export function matchesFilter(entry: LibraryEntry, filter: EntryFilter): boolean {
  if (filter.type && entry.mime !== `image/${filter.type}`) return false;
  if (filter.source && entry.source !== filter.source) return false;
  if (filter.platform && entry.platform !== filter.platform) return false;
  if (filter.from !== undefined && entry.createdAt < filter.from) return false;
  if (filter.to !== undefined && entry.createdAt > filter.to) return false;
  if (filter.favourite && !entry.favourite) return false;
  if (filter.campaignId && entry.campaignId !== filter.campaignId) return false;
  if (filter.collectionId && !entry.collectionIds.includes(filter.collectionId)) return false;
  if (filter.hasFaces !== undefined && (entry.faceCount ?? 0) > 0 !== filter.hasFaces) return false;
  return true;
}

const comparators: Record<(typeof entrySorts)[number], (a: LibraryEntry, b: LibraryEntry) => number> = {
  newest: (a, b) => b.createdAt - a.createdAt,
  oldest: (a, b) => a.createdAt - b.createdAt,
  name: (a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }),
  largest: (a, b) => b.bytes - a.bytes,
  updated: (a, b) => b.updatedAt - a.updatedAt
};

/** Sorts a copy; `relevance` keeps the given (search score) order. */
export function sortEntries(entries: readonly LibraryEntry[], sort: EntrySort): LibraryEntry[] {
  return sort === 'relevance' ? [...entries] : [...entries].sort(comparators[sort]);
}
