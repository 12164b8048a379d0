import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesystemStore, s3Store, type BlobStore } from './blob-store';

const MB = 1024 * 1024;

/** `count` chunks of 1 MB, each filled with its index; throws before chunk `failAt` when given. */
async function* chunks(count: number, failAt?: number) {
  for (let index = 0; index < count; index++) {
    if (index === failAt) throw new Error('the connection dropped');
    yield new Uint8Array(MB).fill(index);
  }
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
let s3: S3rver;
const stores: { name: string; make: () => Promise<BlobStore> }[] = [
  { name: 'filesystem', make: () => Promise.resolve(filesystemStore(tempDir('blobs-'))) },
  {
    name: 'S3 (s3rver on loopback)',
    async make() {
      s3 = new S3rver({
        address: '127.0.0.1',
        port: 0,
        silent: true,
        directory: tempDir('s3rver-'),
        configureBuckets: [{ name: 'results' }]
      });
      const { port } = await s3.run();
      return s3Store({
        bucket: 'results',
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        prefix: 'ai-results/',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
      });
    }
  }
];

afterAll(async () => {
  await s3?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}, 30_000);

for (const { name, make } of stores) {
  describe(`BlobStore streams on ${name}`, () => {
    let store: BlobStore;
    beforeAll(async () => {
      store = await make();
    }, 30_000);

    it('writes a stream as it arrives and reads it back as a stream of the same bytes', async () => {
      expect(await store.putStream('ai-stream-1', chunks(5))).toBe(5 * MB);
      const stored = await store.getStream('ai-stream-1');
      expect(stored?.size).toBe(5 * MB);
      const bytes = await readAll(stored!.stream);
      expect(bytes.length).toBe(5 * MB);
      expect([bytes[0], bytes[MB], bytes[5 * MB - 1]]).toEqual([0, 1, 4]);
      expect(await store.getStream('ai-missing')).toBeUndefined();
    }, 60_000);

    it('keeps nothing when the source fails part-way, and leaves no temporary file behind', async () => {
      await expect(store.putStream('ai-stream-2', chunks(5, 3))).rejects.toThrow(/dropped/);
      expect(await store.get('ai-stream-2')).toBeUndefined();
      expect(readdirSync(tmpdir()).filter((entry) => entry.startsWith('image-studio-blob-'))).toEqual([]);
    }, 60_000);
  });
}
