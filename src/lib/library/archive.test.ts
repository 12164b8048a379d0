import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { unzipSync, zipSync, strToU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioDatabase } from '$lib/db/database';
import { Library } from './library';

const fixture = (path: string) => new Blob([readFileSync(`tests/fixtures/${path}`)]);
const opened: StudioDatabase[] = [];
function fresh(): Library {
  return freshWithDb().library;
}
function freshWithDb(): { library: Library; db: StudioDatabase } {
  const db = new StudioDatabase(`archive-${crypto.randomUUID()}`);
  opened.push(db);
  return { library: new Library(() => db), db };
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function seeded() {
  const source = fresh();
  const a = (await source.save(fixture('faces/sample1.jpg'), { name: 'a.jpg', source: 'import' })).asset;
  const b = (
    await source.save(fixture('formats/alpha.png'), { name: 'b.png', source: 'create', prompt: 'red kite' })
  ).asset;
  await source.versions.derive(a.id, 'resize', { width: 320 }, fixture('formats/photo.webp'));
  await source.organise.addTag([a.id, b.id], 'launch');
  await source.organise.setFavourite([b.id], true);
  const summer = await source.organise.createCollection('Summer');
  await source.organise.addToCollection([a.id], summer.id);
  const launch = await source.organise.createCampaign({
    name: 'Autumn launch',
    startsOn: '2026-09-01',
    endsOn: '2026-09-30',
    channels: ['instagram', 'linkedin']
  });
  await source.organise.updateCollection(summer.id, { campaignId: launch.id });
  await source.organise.moveToCampaign([a.id], launch.id);
  const board = await source.organise.createBoard('Moodboard', [
    { assetId: b.id, note: 'hero' },
    { assetId: a.id, note: 'alternative crop' }
  ]);
  await source.organise.updateBoard(board.id, { note: 'warm tones', coverAssetId: b.id });
  const trashed = (await source.save(fixture('faces/sample2.jpg'), { name: 'gone.jpg', source: 'import' }))
    .asset;
  await source.trash.move([trashed.id]);
  return { source, a, b };
}

describe('library ZIP', () => {
  it('round-trips assets, versions, files, tags, favourites and collections; the trash stays behind', async () => {
    const { source, a } = await seeded();
    const zip = await source.archive.export();
    const { library: target, db } = freshWithDb();
    expect(await target.archive.import(zip)).toBe(2);
    const strip = (entries: Awaited<ReturnType<Library['entries']>>) =>
      entries.map((entry) => ({ ...entry, tags: [...entry.tags].sort() }));
    expect(strip(await target.entries())).toEqual(strip(await source.entries()));
    expect(await target.versions.list(a.id)).toEqual(await source.versions.list(a.id));
    const bytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
    expect(await bytes(await target.currentBlob(a.id))).toEqual(await bytes(fixture('formats/photo.webp')));
    const [first] = await target.versions.list(a.id);
    expect(await bytes(await target.versions.blob(first?.id ?? ''))).toEqual(
      await bytes(fixture('faces/sample1.jpg'))
    );
    expect(await db.files.count()).toBe(3);
  });

  it('round-trips campaigns (dates, channels, members, collections) and boards (items, note, cover)', async () => {
    const { source, a, b } = await seeded();
    const target = fresh();
    await target.archive.import(await source.archive.export());
    const [campaign] = await target.organise.campaigns();
    expect(campaign).toMatchObject({
      name: 'Autumn launch',
      startsOn: '2026-09-01',
      endsOn: '2026-09-30',
      channels: ['instagram', 'linkedin']
    });
    expect(await target.organise.campaigns()).toEqual(await source.organise.campaigns());
    expect((await target.get(a.id))?.campaignId).toBe(campaign?.id);
    const [collection] = await target.organise.collections();
    expect(collection?.campaignId).toBe(campaign?.id);
    const entry = (await target.entries()).find((row) => row.id === a.id);
    expect(entry?.campaignName).toBe('Autumn launch');
    const [board] = await target.organise.boards();
    expect(board).toMatchObject({ name: 'Moodboard', note: 'warm tones' });
    expect(board?.items).toEqual([
      { assetId: b.id, note: 'hero' },
      { assetId: a.id, note: 'alternative crop' }
    ]);
    expect(await target.organise.boards()).toEqual(await source.organise.boards());
  });

  it('refuses a ZIP whose file does not match its hash, and imports nothing', async () => {
    const { source } = await seeded();
    const entries = unzipSync(new Uint8Array(await (await source.archive.export()).arrayBuffer()));
    const [path] = Object.keys(entries).filter((name) => name.startsWith('files/'));
    entries[path ?? ''] = strToU8('tampered');
    const { library: target, db } = freshWithDb();
    await expect(target.archive.import(new Blob([zipSync(entries)]))).rejects.toMatchObject({
      code: 'invalid_archive',
      message: expect.stringContaining('does not match its hash')
    });
    expect(await db.assets.count()).toBe(0);
  });

  it('refuses a ZIP that is not a library export', async () => {
    const zip = new Blob([zipSync({ 'hello.txt': strToU8('hi') })]);
    await expect(fresh().archive.import(zip)).rejects.toMatchObject({ code: 'invalid_archive' });
    await expect(fresh().archive.import(new Blob(['not a zip']))).rejects.toMatchObject({
      code: 'invalid_archive'
    });
  });
});
