import { join } from 'node:path';
import type { UserDirectory } from '../auth/users';
import type { ProxyConfig } from '../config';
import type { Sql } from '../db/sql';
import { filesystemStore, s3Store, type BlobStore } from '../storage/blob-store';
import { purgeExpired } from './records';
import type { ShareDeps } from './routes';

export function blobStoreFor(config: ProxyConfig['shares'], dataDir: string): BlobStore {
  return config.s3 ? s3Store(config.s3) : filesystemStore(config.dir ?? join(dataDir, 'shares'));
}

/** Deletes the blobs of shares that expired; returns how many. */
export async function purgeShares(sql: Sql, store: BlobStore, now: number): Promise<number> {
  const ids = await purgeExpired(sql, now);
  for (const id of ids) await store.delete(id);
  return ids.length;
}

/** The share routes' dependencies over the proxy's database; purges expired shares now and every hour. */
export async function createShareDeps(
  config: ProxyConfig,
  sql: Sql,
  users: Pick<UserDirectory, 'authenticate'>,
  log: (line: string) => void
): Promise<ShareDeps> {
  const store = blobStoreFor(config.shares, config.ai.dataDir);
  const now = () => Date.now();
  const sweep = async () => {
    const purged = await purgeShares(sql, store, now());
    if (purged) log(`[shares] purged ${purged} expired board(s)`);
  };
  await sweep();
  setInterval(
    () => void sweep().catch((error: Error) => log(`[shares] purge failed: ${error.message}`)),
    3_600_000
  ).unref();
  return {
    sql,
    store,
    users,
    maxShareBytes: config.shares.maxShareBytes,
    userQuotaBytes: config.shares.userQuotaBytes,
    maxComments: 1_000,
    now
  };
}
