import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3';
import type { S3Settings } from '../config';

/** Where sealed boards and AI results live: opaque bytes under a key. */
export interface BlobStore {
  readonly kind: 'filesystem' | 's3';
  put(key: string, bytes: Uint8Array): Promise<void>;
  /**
   * Writes a stream as it arrives, holding one chunk at a time; answers the byte count. When the source throws
   * (a size cap, a cut connection) nothing is kept under the key.
   */
  putStream(key: string, source: AsyncIterable<Uint8Array>): Promise<number>;
  /** Undefined when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** The stored bytes as a stream, read as the client takes them. */
  getStream(key: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | undefined>;
  delete(key: string): Promise<void>;
}

/** Streams `source` into a new file beside `path` and renames it into place; removes it when the source fails. */
async function streamToFile(path: string, source: AsyncIterable<Uint8Array>): Promise<number> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  let size = 0;
  async function* counted() {
    for await (const chunk of source) {
      size += chunk.byteLength;
      yield chunk;
    }
  }
  try {
    await pipeline(Readable.from(counted()), createWriteStream(temporary));
    await rename(temporary, path);
    return size;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** A web stream that reads its source only as the consumer pulls, so a slow client never buffers a whole file. */
function pullStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.();
    }
  });
}

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

const safeKey = (key: string): string => {
  if (!/^[\w-]+$/.test(key)) throw new Error(`Refusing blob key ${JSON.stringify(key)}.`);
  return key;
};

/** One file per key; written beside and renamed, so a reader never sees half a board. */
export function filesystemStore(dir: string): BlobStore {
  return {
    kind: 'filesystem',
    async put(key, bytes) {
      await mkdir(dir, { recursive: true });
      const path = join(dir, safeKey(key));
      const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    },
    async putStream(key, source) {
      await mkdir(dir, { recursive: true });
      return streamToFile(join(dir, safeKey(key)), source);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(join(dir, safeKey(key))));
      } catch (error) {
        if (missing(error)) return undefined;
        throw error;
      }
    },
    async getStream(key) {
      const path = join(dir, safeKey(key));
      try {
        const { size } = await stat(path);
        return { stream: pullStream(createReadStream(path)), size };
      } catch (error) {
        if (missing(error)) return undefined;
        throw error;
      }
    },
    async delete(key) {
      await rm(join(dir, safeKey(key)), { force: true });
    }
  };
}

/** An S3-compatible bucket, for several proxy instances sharing one store. */
export function s3Store(settings: S3Settings): BlobStore {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.credentials ? { credentials: settings.credentials } : {})
  });
  const Bucket = settings.bucket;
  const Key = (key: string) => `${settings.prefix}${safeKey(key)}`;
  const getObject = async (key: string) => {
    try {
      return await client.send(new GetObjectCommand({ Bucket, Key: Key(key) }));
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  };
  return {
    kind: 's3',
    async put(key, bytes) {
      await client.send(
        new PutObjectCommand({ Bucket, Key: Key(key), Body: bytes, ContentType: 'application/octet-stream' })
      );
    },
    // PutObject needs the length up front: the stream is spooled to a local file (bounded memory), then sent.
    async putStream(key, source) {
      const dir = await mkdtemp(join(tmpdir(), 'image-studio-blob-'));
      try {
        const spool = join(dir, 'blob');
        const size = await streamToFile(spool, source);
        await client.send(
          new PutObjectCommand({
            Bucket,
            Key: Key(key),
            Body: createReadStream(spool),
            ContentLength: size,
            ContentType: 'application/octet-stream'
          })
        );
        return size;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async get(key) {
      const object = await getObject(key);
      return object?.Body ? await object.Body.transformToByteArray() : undefined;
    },
    async getStream(key) {
      const object = await getObject(key);
      if (!object?.Body) return undefined;
      return { stream: object.Body.transformToWebStream(), size: Number(object.ContentLength ?? 0) };
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: Key(key) }));
    }
  };
}
