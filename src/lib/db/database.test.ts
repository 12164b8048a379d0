import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioDatabase, schemaVersions } from './database';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** A database exactly as the app that shipped schema v1 left it on a user's device. */
async function writeVersion1(name: string): Promise<void> {
  const [first] = schemaVersions;
  if (!first || first.version !== 1) throw new Error('schema v1 must stay first');
  const old = new Dexie(name);
  old.version(1).stores(first.stores);
  await old.table('settings').put({ key: 'theme', value: 'dark', updatedAt: 1 });
  await old
    .table('presets')
    .put({ id: 'p1', platform: 'instagram', preset: { w: 1080 }, favourite: true, updatedAt: 2 });
  await old.table('cropChoices').put({ sourceHash: 'abc', presetId: 'p1', choice: { x: 1 }, updatedAt: 3 });
  old.close();
}

describe('schema migrations', () => {
  it('upgrades a v1 database to the latest version without losing data, and the new tables work', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    names.push(name);
    await writeVersion1(name);

    const db = new StudioDatabase(name);
    await db.open();
    expect(db.verno).toBe(schemaVersions.at(-1)?.version);
    expect(await db.settings.get('theme')).toMatchObject({ value: 'dark' });
    expect(await db.presets.get('p1')).toMatchObject({ platform: 'instagram', favourite: true });
    expect(await db.cropChoices.where('sourceHash').equals('abc').count()).toBe(1);

    await db.tags.put({ assetId: 'a1', tag: 'person', origin: 'auto', kind: 'object' });
    await db.trash.put({ assetId: 'a1', batchId: 'b', deletedAt: 5 });
    await db.usage.add({ at: 1, kind: 'save', module: 'import' });
    expect(await db.tags.where('tag').equals('person').primaryKeys()).toEqual([['a1', 'person']]);
    expect(await db.trash.where('batchId').equals('b').count()).toBe(1);
    expect(await db.usage.count()).toBe(1);

    await db.jobs.put({
      id: 'j1',
      batchId: 'b1',
      row: 2,
      steps: ['generate'],
      stepsDone: 0,
      inputAssetIds: [],
      presets: [],
      provider: 'stability',
      status: 'queued',
      attempts: 0,
      idempotencyKey: 'k1',
      costEstimateMicros: 30_000,
      resultAssetIds: [],
      createdAt: 1,
      updatedAt: 1
    });
    expect(await db.jobs.where('[batchId+status]').equals(['b1', 'queued']).count()).toBe(1);
    await db.studioJobs.put({
      id: 'job-1',
      module: 'transform',
      operation: 'transform.image-to-video',
      params: {},
      sourceAssetId: 'a1',
      sourceName: 'a.png',
      createdAt: 9
    });
    await db.styles.put({
      id: 's1',
      name: 'ink',
      blob: new Blob(['x']),
      thumbnail: new Blob(['t']),
      createdAt: 10
    });
    expect(await db.studioJobs.where('module').equals('transform').primaryKeys()).toEqual(['job-1']);
    expect(await db.styles.orderBy('createdAt').primaryKeys()).toEqual(['s1']);
    db.close();
  });

  it('never rewrites a shipped version: versions are strictly increasing', () => {
    const versions = schemaVersions.map((entry) => entry.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });
});
