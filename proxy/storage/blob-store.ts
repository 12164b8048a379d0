import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3';
import type { S3Settings } from '../config';

/** Where sealed boards live: opaque bytes under a key (the share id). */
export interface BlobStore {
  readonly kind: 'filesystem' | 's3';
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Undefined when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<void>;
}

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
    async get(key) {
      try {
        return new Uint8Array(await readFile(join(dir, safeKey(key))));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
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
  return {
    kind: 's3',
    async put(key, bytes) {
      await client.send(
        new PutObjectCommand({ Bucket, Key: Key(key), Body: bytes, ContentType: 'application/octet-stream' })
      );
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: Key(key) }));
        return object.Body ? await object.Body.transformToByteArray() : undefined;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: Key(key) }));
    }
  };
}
