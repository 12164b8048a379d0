import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packBoard, type SharedBoard } from '../../src/lib/core/share/board-pack';
import { sealComment } from '../../src/lib/core/share/comments';
import { importShareKey, newShareKey, open, seal } from '../../src/lib/core/share/crypto';
import { ShareCreatedSchema } from '../../src/lib/core/share/api';
import { openDatabase } from '../db/open';
import { openPglite } from '../db/sql';
import { migrate } from '../db/migrate';
import { filesystemStore, s3Store, type BlobStore } from '../storage/blob-store';
import { appWithShares, leaks } from '../testing/shares-harness';

const MARKER = 'CONFIDENTIAL-CLIENT-MARKER-7f3a9c';
const image = new Uint8Array(
  readFileSync(resolve(import.meta.dirname, '../../tests/fixtures/faces/sample4-small.jpg'))
);
const board: SharedBoard = {
  name: `Board ${MARKER}`,
  note: `Board note ${MARKER}`,
  cover: 0,
  createdAt: 1,
  images: [
    {
      name: `${MARKER}.jpg`,
      note: `Note ${MARKER}`,
      mime: 'image/jpeg',
      width: 640,
      height: 480,
      bytes: image
    }
  ]
};

/** Shares the board and comments on it through the real routes; returns what the viewer would need. */
async function shareThrough(app: ReturnType<typeof appWithShares>['app']) {
  const key = await importShareKey(newShareKey());
  const response = await app.request('/api/shares?expiry=never', {
    method: 'POST',
    body: (await seal(key, packBoard(board))) as BodyInit
  });
  const created = ShareCreatedSchema.parse(await response.json());
  const comment = await app.request(`/api/shares/${created.id}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sealed: await sealComment(key, { item: 0, author: MARKER, text: MARKER, at: 1 }) })
  });
  expect(comment.status).toBe(201);
  return { key, created };
}

describe('what the proxy stores of a shared board', () => {
  it('holds neither the marker nor any 16-byte run of the image, in the blob files or the database files', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shares-scan-'));
    try {
      const sql = await openDatabase({ dataDir: join(dataDir, 'ledger') });
      const { app } = appWithShares(sql, filesystemStore(join(dataDir, 'shares')));
      const { key, created } = await shareThrough(app);
      const stored = new Uint8Array(await (await app.request(`/api/shares/${created.id}`)).arrayBuffer());
      expect(await open(key, stored)).toEqual(packBoard(board));
      await sql.close();
      expect(leaks(dataDir, MARKER, image)).toEqual([]);

      // The scan itself must be able to fail: the same board stored unsealed is caught.
      writeFileSync(
        join(dataDir, 'control.bin'),
        packBoard({ ...board, name: 'x', note: 'x', images: [{ ...board.images[0]!, name: 'x', note: 'x' }] })
      );
      expect(leaks(dataDir, MARKER, image)).toEqual([expect.stringMatching(/control\.bin: image bytes/)]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('S3-compatible storage (real @aws-sdk/client-s3 against s3rver on loopback)', () => {
  let server: S3rver;
  let dir: string;
  let store: BlobStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 's3rver-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'boards' }]
    });
    const { port } = await server.run();
    store = s3Store({
      bucket: 'boards',
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      prefix: 'shares/',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
    });
  }, 30_000);
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts, overwrites, gets and deletes blobs; a missing key reads as undefined', async () => {
    await store.put('abc_DEF-1', Uint8Array.from([1, 2, 3]));
    await store.put('abc_DEF-1', Uint8Array.from([4, 5]));
    expect(await store.get('abc_DEF-1')).toEqual(Uint8Array.from([4, 5]));
    await store.delete('abc_DEF-1');
    expect(await store.get('abc_DEF-1')).toBeUndefined();
    await expect(store.put('../escape', Uint8Array.from([1]))).rejects.toThrow(/Refusing/);
  });

  it('serves the share routes from the bucket and keeps only ciphertext there', async () => {
    const sql = await openPglite();
    await migrate(sql);
    const { app } = appWithShares(sql, store);
    const { key, created } = await shareThrough(app);
    const read = await app.request(`/api/shares/${created.id}`);
    expect(await open(key, new Uint8Array(await read.arrayBuffer()))).toEqual(packBoard(board));
    expect(leaks(dir, MARKER, image)).toEqual([]);
    const revoke = await app.request(`/api/shares/${created.id}`, {
      method: 'DELETE',
      headers: { 'x-owner-token': created.ownerToken }
    });
    expect(revoke.status).toBe(204);
    expect(await store.get(created.id)).toBeUndefined();
    await sql.close();
  }, 60_000);
});
