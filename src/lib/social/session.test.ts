import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioDatabase } from '$lib/db/database';
import { Library } from '$lib/library/library';
import { keepPhoto, readSession, writeSession } from './session';

const fixture = (path: string) => new Uint8Array(readFileSync(`tests/fixtures/${path}`));

let db: StudioDatabase;
let library: Library;

beforeEach(() => {
  db = new StudioDatabase(`session-${crypto.randomUUID()}`);
  library = new Library(() => db);
});
afterEach(async () => {
  await db.delete();
});

describe('the optimizer session', () => {
  it('gives back the kept photos, in order, with their names and bytes', async () => {
    const first = await keepPhoto(library, fixture('faces/sample1.jpg'), 'sample1.jpg');
    const second = await keepPhoto(library, fixture('formats/photo.webp'), 'photo.webp');
    await writeSession(db, [second, first]);
    const restored = await readSession(db, library);
    expect(restored.map(({ file }) => file.name)).toEqual(['photo.webp', 'sample1.jpg']);
    expect(restored.map(({ photo }) => photo)).toEqual([second, first]);
    expect(new Uint8Array(await restored[1]!.file.arrayBuffer())).toEqual(fixture('faces/sample1.jpg'));
    expect(restored[1]!.file.type).toBe('image/jpeg');
  });

  it('the same photo loaded twice is one library asset', async () => {
    const once = await keepPhoto(library, fixture('faces/sample1.jpg'), 'a.jpg');
    const again = await keepPhoto(library, fixture('faces/sample1.jpg'), 'b.jpg');
    expect(again).toEqual(once);
    expect(await db.assets.count()).toBe(1);
  });

  it('leaves out a photo deleted from the library since, and starts empty with no session', async () => {
    expect(await readSession(db, library)).toEqual([]);
    const kept = await keepPhoto(library, fixture('faces/sample1.jpg'), 'sample1.jpg');
    const trashed = await keepPhoto(library, fixture('formats/photo.webp'), 'photo.webp');
    await library.trash.move([trashed.assetId]);
    await writeSession(db, [kept, trashed, { assetId: kept.assetId, versionId: 'gone' }]);
    expect((await readSession(db, library)).map(({ file }) => file.name)).toEqual(['sample1.jpg']);
  });
});
