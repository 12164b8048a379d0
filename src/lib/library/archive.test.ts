import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { unzipSync, zipSync, strToU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioDatabase } from '$lib/db/database';
import { exportLibrary, importLibrary } from './archive';
import { Library } from './library';

const fixture = (path: string) => new Blob([readFileSync(`tests/fixtures/${path}`)]);
const opened: StudioDatabase[] = [];
function fresh(): Library {
  const db = new StudioDatabase(`archive-${crypto.randomUUID()}`);
  opened.push(db);
  return new Library(() => db);
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
  await source.derive(a.id, 'resize', { width: 320 }, fixture('formats/photo.webp'));
  await source.addTag([a.id, b.id], 'launch');
  await source.setFavourite([b.id], true);
  const summer = await source.createCollection('Summer');
  await source.addToCollection([a.id], summer.id);
  const trashed = (await source.save(fixture('faces/sample2.jpg'), { name: 'gone.jpg', source: 'import' }))
    .asset;
  await source.trash([trashed.id]);
  return { source, a, b };
}

describe('library ZIP', () => {
  it('round-trips assets, versions, files, tags, favourites and collections; the trash stays behind', async () => {
    const { source, a } = await seeded();
    const zip = await exportLibrary(source);
    const target = fresh();
    expect(await importLibrary(target, zip)).toBe(2);
    const strip = (entries: Awaited<ReturnType<Library['entries']>>) =>
      entries.map((entry) => ({ ...entry, tags: [...entry.tags].sort() }));
    expect(strip(await target.entries())).toEqual(strip(await source.entries()));
    expect(await target.versions(a.id)).toEqual(await source.versions(a.id));
    const bytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
    expect(await bytes(await target.currentBlob(a.id))).toEqual(await bytes(fixture('formats/photo.webp')));
    const [first] = await target.versions(a.id);
    expect(await bytes(await target.versionBlob(first?.id ?? ''))).toEqual(
      await bytes(fixture('faces/sample1.jpg'))
    );
    expect(await target.db.files.count()).toBe(3);
  });

  it('refuses a ZIP whose file does not match its hash, and imports nothing', async () => {
    const { source } = await seeded();
    const entries = unzipSync(new Uint8Array(await (await exportLibrary(source)).arrayBuffer()));
    const [path] = Object.keys(entries).filter((name) => name.startsWith('files/'));
    entries[path ?? ''] = strToU8('tampered');
    const target = fresh();
    await expect(importLibrary(target, new Blob([zipSync(entries)]))).rejects.toMatchObject({
      code: 'invalid_archive',
      message: expect.stringContaining('does not match its hash')
    });
    expect(await target.db.assets.count()).toBe(0);
  });

  it('refuses a ZIP that is not a library export', async () => {
    const zip = new Blob([zipSync({ 'hello.txt': strToU8('hi') })]);
    await expect(importLibrary(fresh(), zip)).rejects.toMatchObject({ code: 'invalid_archive' });
    await expect(importLibrary(fresh(), new Blob(['not a zip']))).rejects.toMatchObject({
      code: 'invalid_archive'
    });
  });
});
