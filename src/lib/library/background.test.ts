import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioDatabase } from '$lib/db/database';
import type { Analysers } from './analyse';
import { BackgroundWork } from './background.svelte';
import { Library } from './library';

let db: StudioDatabase;
let library: Library;

beforeEach(() => {
  db = new StudioDatabase(`background-${crypto.randomUUID()}`);
  library = new Library(() => db);
});
afterEach(() => db.delete());

/** An asset as an older build kept it: written straight to the tables, never checked on the way in. */
async function keptBeforeChecks(path: string): Promise<string> {
  const blob = new Blob([readFileSync(`tests/fixtures/${path}`)], { type: 'image/jpeg' });
  const now = Date.now();
  const base = { mime: 'image/jpeg', width: 0, height: 0, bytes: blob.size, hash: path };
  await db.files.put({ hash: path, blob });
  await db.versions.add({
    ...base,
    id: `v-${path}`,
    assetId: path,
    parentId: null,
    operation: 'import',
    params: {},
    createdAt: now
  });
  await db.assets.add({
    ...base,
    id: path,
    name: path.split('/').pop() ?? path,
    currentVersionId: `v-${path}`,
    source: 'import',
    faceCount: null,
    taggedAt: null,
    createdAt: now,
    updatedAt: now
  });
  return path;
}

const analysersThatMustNotRun: Analysers = {
  summarise: () => Promise.reject(new Error('the decoder should not see a file the checks refuse')),
  detect: () => Promise.reject(new Error('the tagger should not see a file the checks refuse'))
};

describe('BackgroundWork', () => {
  it('records why an unreadable asset has no thumbnail, and leaves it alone on the next visit', async () => {
    const id = await keptBeforeChecks('bad/truncated.jpg');
    const work = new BackgroundWork(library, () => undefined, analysersThatMustNotRun);
    await work.run();
    const asset = await db.assets.get(id);
    expect(asset?.problem).toEqual({
      code: 'corrupt_image',
      message: 'This JPEG file is cut short (truncated) and cannot be decoded.'
    });
    expect(asset?.taggedAt).not.toBeNull();
    expect(await library.tagging.needingThumbnails()).toEqual([]);
    expect(await library.tagging.needingTags()).toEqual([]);
  });

  it('records a tagger failure on the asset instead of leaving it waiting', async () => {
    const { asset } = await library.save(new Blob([readFileSync('tests/fixtures/formats/alpha.png')]), {
      name: 'alpha.png',
      source: 'import'
    });
    const failingTagger: Analysers = {
      summarise: async () => ({
        format: 'png',
        width: 4,
        height: 4,
        colours: [],
        exif: {},
        thumbnail: { bytes: new Uint8Array([1]), width: 4, height: 4 }
      }),
      detect: () => Promise.reject(new Error('model missing'))
    };
    const work = new BackgroundWork(library, () => undefined, failingTagger);
    await work.run();
    expect(work.failed).toBe(1);
    expect((await db.assets.get(asset.id))?.problem?.message).toMatch(/model missing/);
  });

  it('looks again once a new version replaces the one that failed', async () => {
    const id = await keptBeforeChecks('bad/truncated.jpg');
    await new BackgroundWork(library, () => undefined, analysersThatMustNotRun).run();
    await library.versions.derive(
      id,
      'crop',
      {},
      new Blob([readFileSync('tests/fixtures/formats/alpha.png')])
    );
    expect((await db.assets.get(id))?.problem).toBeUndefined();
    expect(await library.tagging.needingThumbnails()).toEqual([id]);
  });
});
