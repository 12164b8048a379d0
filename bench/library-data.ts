import { joinEntries, type LibraryEntry } from '../src/lib/core/library/entries';
import type { AssetRow, CollectionRow, TagRow, VersionRow } from '../src/lib/db/database';

const words = (
  'beach sunset mountain city skyline coffee laptop office team portrait product shoe bottle garden dog cat ' +
  'autumn winter spring summer launch sale banner story reel poster flyer neon pastel minimal bold vintage ' +
  'studio outdoor night morning golden hour ocean forest desert river bridge street market food salad pizza ' +
  'burger dessert cake wedding party concert festival travel hotel pool yoga fitness running bicycle car ' +
  'watch phone headphones camera book desk plant flower rose tulip lighthouse harbour boat sailing kayak ' +
  'snow ski hiking tent campfire stars galaxy abstract gradient texture marble wood metal glass paper'
).split(' ');
const tagWords = [
  'person',
  'dog',
  'cat',
  'laptop',
  'car',
  'bottle',
  'cup',
  'chair',
  'bicycle',
  'boat',
  'book'
];
const sources = ['import', 'create', 'edit', 'upscale', 'social'] as const;

/** mulberry32: the same "random" library on every run, so runs compare. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticLibrary {
  assets: AssetRow[];
  versions: VersionRow[];
  tags: TagRow[];
  favourites: { assetId: string; addedAt: number }[];
  collections: CollectionRow[];
  collectionItems: { collectionId: string; assetId: string; addedAt: number }[];
  entries: LibraryEntry[];
  /** What a person types: prefixes while typing, whole words, a typo, two words. */
  queries: string[];
}

/** `count` assets shaped like a real marketer's library: names, prompts, tags, favourites, collections. */
export function syntheticLibrary(count: number): SyntheticLibrary {
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const start = Date.UTC(2025, 0, 1);
  const collections: CollectionRow[] = Array.from({ length: 20 }, (_, index) => ({
    id: `c${index}`,
    name: `${pick(words)} ${pick(words)}`,
    order: index,
    createdAt: start
  }));
  const assets: AssetRow[] = [];
  const versions: VersionRow[] = [];
  const tags: TagRow[] = [];
  const favourites: SyntheticLibrary['favourites'] = [];
  const collectionItems: SyntheticLibrary['collectionItems'] = [];
  for (let index = 0; index < count; index++) {
    const id = `a${index}`;
    const createdAt = start + index * 3_600_000;
    const source = pick(sources);
    const prompt = source === 'create' ? Array.from({ length: 8 }, () => pick(words)).join(' ') : undefined;
    assets.push({
      id,
      name: `${pick(words)}-${pick(words)}-${index}.jpg`,
      hash: `h${index}`,
      currentVersionId: `v${index}`,
      mime: 'image/webp',
      width: 320,
      height: 213,
      bytes: 20_000 + Math.floor(next() * 2_000_000),
      source,
      prompt,
      provider: source === 'create' ? 'stability' : undefined,
      faceCount: Math.floor(next() * 3),
      taggedAt: createdAt,
      createdAt,
      updatedAt: createdAt
    });
    versions.push({
      id: `v${index}`,
      assetId: id,
      parentId: null,
      operation: 'import',
      params: {},
      hash: 'thumb',
      mime: 'image/webp',
      width: 320,
      height: 213,
      bytes: 2000,
      createdAt
    });
    for (const tag of new Set([pick(tagWords), pick(words), pick(words), pick(['landscape', 'portrait'])])) {
      tags.push({ assetId: id, tag, origin: 'auto', kind: 'object' });
    }
    if (index % 7 === 0) favourites.push({ assetId: id, addedAt: createdAt });
    if (index % 5 === 0)
      collectionItems.push({ collectionId: pick(collections).id, assetId: id, addedAt: createdAt });
  }
  const entries = joinEntries({
    assets: [...assets].reverse(),
    tags,
    favourites: favourites.map((row) => row.assetId),
    collections,
    collectionItems,
    campaigns: []
  });
  const queries: string[] = [];
  for (const word of ['sunset', 'laptop', 'lighthouse', 'person', 'festival', 'marble', 'kayak', 'burger']) {
    for (let length = 2; length <= word.length; length += 2) queries.push(word.slice(0, length));
    queries.push(word);
  }
  queries.push('ligthouse', 'festvial', 'golden hour', 'neon poster', 'dog beach');
  return {
    assets,
    versions,
    tags,
    favourites,
    collections,
    collectionItems,
    entries,
    queries: [...new Set(queries)]
  };
}
