import { describe, expect, it } from 'vitest';
import { joinEntries, type LibraryEntry } from './entries';
import { LibrarySearch } from './search';

const day = 86_400_000;
const asset = (id: string, name: string, extra: Partial<LibraryEntry> = {}) => ({
  id,
  name,
  source: 'import',
  mime: 'image/jpeg',
  width: 100,
  height: 100,
  bytes: 1000,
  createdAt: Number(id.slice(1)) * day,
  updatedAt: 0,
  faceCount: null,
  taggedAt: null,
  ...extra
});

function library() {
  return joinEntries({
    assets: [
      asset('a1', 'beach-sunset.jpg', {
        prompt: 'golden retriever on a beach',
        source: 'create',
        bytes: 5000
      }),
      asset('a2', 'team_offsite.png', { mime: 'image/png', faceCount: 4 }),
      asset('a3', 'launch banner.webp', { mime: 'image/webp', note: 'approved by Dana', campaignId: 'c1' }),
      asset('a4', 'IMG_0042.jpg', { faceCount: 1, platform: 'instagram' })
    ],
    tags: [
      { assetId: 'a2', tag: 'person' },
      { assetId: 'a4', tag: 'person' },
      { assetId: 'a4', tag: 'laptop' },
      { assetId: 'a1', tag: 'dog' }
    ],
    favourites: ['a1', 'a4'],
    collections: [{ id: 'k1', name: 'Summer Picks' }],
    collectionItems: [
      { collectionId: 'k1', assetId: 'a1' },
      { collectionId: 'k1', assetId: 'a2' },
      { collectionId: 'gone', assetId: 'a3' }
    ],
    campaigns: [{ id: 'c1', name: 'Autumn Launch' }]
  });
}

const ids = (entries: LibraryEntry[]) => entries.map((entry) => entry.id);

describe('LibrarySearch', () => {
  const search = new LibrarySearch();
  search.sync(library());
  const find = (text: string, filter = {}, sort: 'relevance' | 'newest' | 'name' | 'largest' = 'relevance') =>
    ids(search.query({ text, filter, sort }));

  it('finds by tag, prompt word, note, name part, campaign and collection name', () => {
    expect(find('person').sort()).toEqual(['a2', 'a4']);
    expect(find('retriever')).toEqual(['a1']);
    expect(find('dana')).toEqual(['a3']);
    expect(find('offsite')).toEqual(['a2']);
    expect(find('autumn')).toEqual(['a3']);
    expect(find('summer picks').sort()).toEqual(['a1', 'a2']);
  });

  it('matches prefixes as you type and tolerates a typo in longer words', () => {
    expect(find('retr')).toEqual(['a1']);
    expect(find('retreiver')).toEqual(['a1']);
    expect(find('lapto')).toEqual(['a4']);
    expect(find('zebra')).toEqual([]);
  });

  it('filters by type, source, platform, dates, favourite, campaign, collection and faces', () => {
    expect(find('', { type: 'png' })).toEqual(['a2']);
    expect(find('', { source: 'create' })).toEqual(['a1']);
    expect(find('', { platform: 'instagram' })).toEqual(['a4']);
    expect(find('', { from: 2 * day, to: 3 * day })).toEqual(['a3', 'a2']);
    expect(find('', { favourite: true })).toEqual(['a4', 'a1']);
    expect(find('', { campaignId: 'c1' })).toEqual(['a3']);
    expect(find('', { collectionId: 'k1' })).toEqual(['a2', 'a1']);
    expect(find('', { hasFaces: true })).toEqual(['a4', 'a2']);
    expect(find('person', { favourite: true })).toEqual(['a4']);
  });

  it('sorts by name and size', () => {
    expect(find('', {}, 'name')).toEqual(['a1', 'a4', 'a3', 'a2']);
    expect(find('', {}, 'largest')[0]).toBe('a1');
  });

  it('follows changes: new tags are found, removed assets are not', () => {
    const updated = library()
      .filter((entry) => entry.id !== 'a2')
      .map((entry) => (entry.id === 'a3' ? { ...entry, tags: ['skyline'] } : entry));
    search.sync(updated);
    expect(find('skyline')).toEqual(['a3']);
    expect(find('offsite')).toEqual([]);
    expect(find('person')).toEqual(['a4']);
  });

  it('indexes gradually a slice at a time, and a query or a sync meanwhile sees the current entries', async () => {
    const gradual = new LibrarySearch();
    const entries = library();
    gradual.sync(entries);
    const pauses: string[][] = [];
    const done = gradual.flushGradually(async () => {
      pauses.push(ids(gradual.query({ text: 'person', filter: {}, sort: 'relevance' })).sort());
      if (pauses.length === 1) gradual.sync(entries.filter((entry) => entry.id !== 'a4'));
    }, 2);
    await done;
    // First slice (a1, a2) paused; the query finished the flush, so a4 (third) was already found.
    expect(pauses[0]).toEqual(['a2', 'a4']);
    // The sync dropped a4 and the pass started over: no pause after that finds it again.
    for (const found of pauses.slice(1)) expect(found).toEqual(['a2']);
    expect(pauses.length).toBe(1 + 2);
    expect(ids(gradual.query({ text: 'person', filter: {}, sort: 'relevance' }))).toEqual(['a2']);
  });

  it('yields between slices without a query forcing it, and then finds every entry', async () => {
    const gradual = new LibrarySearch();
    gradual.sync(library());
    let pauses = 0;
    await gradual.flushGradually(async () => {
      pauses += 1;
    }, 1);
    expect(pauses).toBe(4);
    expect(ids(gradual.query({ text: 'laptop', filter: {}, sort: 'relevance' }))).toEqual(['a4']);
  });
});
