import type { Sql, SqlRunner } from '../db/sql';

export interface ShareRecord {
  id: string;
  owner: string;
  ownerTokenHash: string;
  version: number;
  bytes: number;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  purgedAt: number | null;
}

interface Row {
  id: string;
  owner: string;
  owner_token_hash: string;
  version: number;
  bytes: string | number;
  created_at: string | number;
  updated_at: string | number;
  expires_at: string | number | null;
  revoked_at: string | number | null;
  purged_at: string | number | null;
}

const maybe = (value: string | number | null) => (value === null ? null : Number(value));

const toRecord = (row: Row): ShareRecord => ({
  id: row.id,
  owner: row.owner,
  ownerTokenHash: row.owner_token_hash,
  version: row.version,
  bytes: Number(row.bytes),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
  expiresAt: maybe(row.expires_at),
  revokedAt: maybe(row.revoked_at),
  purgedAt: maybe(row.purged_at)
});

export async function findShare(sql: SqlRunner, id: string): Promise<ShareRecord | undefined> {
  const [row] = await sql.query<Row>('select * from shares where id = $1', [id]);
  return row && toRecord(row);
}

/** Bytes the owner's live shares hold now (revoked and expired ones no longer count). */
async function ownerBytes(tx: SqlRunner, owner: string, now: number, except?: string): Promise<number> {
  const [row] = await tx.query<{ total: string | number | null }>(
    `select coalesce(sum(bytes), 0) as total from shares
     where owner = $1 and purged_at is null and revoked_at is null
       and (expires_at is null or expires_at > $2) and id <> $3`,
    [owner, now, except ?? '']
  );
  return Number(row?.total ?? 0);
}

export type QuotaResult<T> = { kind: 'ok'; value: T } | { kind: 'over_quota'; usedBytes: number };

/**
 * Runs `write` only if the owner's bytes plus `bytes` fit the quota, with the owner locked so parallel uploads
 * cannot both squeeze under it.
 */
async function withinQuota<T>(
  sql: Sql,
  owner: string,
  bytes: number,
  quota: number,
  now: number,
  except: string | undefined,
  write: (tx: SqlRunner) => Promise<T>
): Promise<QuotaResult<T>> {
  return sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`share-owner:${owner}`]);
    const used = await ownerBytes(tx, owner, now, except);
    if (used + bytes > quota) return { kind: 'over_quota', usedBytes: used };
    return { kind: 'ok', value: await write(tx) };
  });
}

export function insertShare(
  sql: Sql,
  record: Pick<ShareRecord, 'id' | 'owner' | 'ownerTokenHash' | 'bytes' | 'expiresAt'>,
  quota: number,
  now: number
): Promise<QuotaResult<ShareRecord>> {
  return withinQuota(sql, record.owner, record.bytes, quota, now, undefined, async (tx) => {
    const [row] = await tx.query<Row>(
      `insert into shares (id, owner, owner_token_hash, bytes, created_at, updated_at, expires_at)
       values ($1, $2, $3, $4, $5, $5, $6) returning *`,
      [record.id, record.owner, record.ownerTokenHash, record.bytes, now, record.expiresAt]
    );
    return toRecord(row!);
  });
}

export function updateShare(
  sql: Sql,
  share: ShareRecord,
  change: { bytes: number; expiresAt: number | null },
  quota: number,
  now: number
): Promise<QuotaResult<ShareRecord>> {
  return withinQuota(sql, share.owner, change.bytes, quota, now, share.id, async (tx) => {
    const [row] = await tx.query<Row>(
      `update shares set version = version + 1, bytes = $2, updated_at = $3, expires_at = $4
       where id = $1 returning *`,
      [share.id, change.bytes, now, change.expiresAt]
    );
    return toRecord(row!);
  });
}

/** Revoking keeps the row (the link then says "revoked") and drops the comments; the caller drops the blob. */
export async function revokeShare(sql: Sql, id: string, now: number): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('update shares set revoked_at = $2, purged_at = $2 where id = $1', [id, now]);
    await tx.query('delete from share_comments where share_id = $1', [id]);
  });
}

/** Keeps the tombstone this long after expiry, so an old link says "expired" rather than "not found". */
const TOMBSTONE_MS = 90 * 86_400_000;

/** Marks expired shares purged and returns their ids (whose blobs the caller deletes); forgets old tombstones. */
export async function purgeExpired(sql: Sql, now: number): Promise<string[]> {
  return sql.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `update shares set purged_at = $1 where purged_at is null and expires_at <= $1 returning id`,
      [now]
    );
    const ids = rows.map((row) => row.id);
    if (ids.length) await tx.query('delete from share_comments where share_id = any($1)', [ids]);
    await tx.query('delete from shares where coalesce(expires_at, revoked_at) < $1', [now - TOMBSTONE_MS]);
    return ids;
  });
}

export async function addComment(
  sql: Sql,
  shareId: string,
  sealed: string,
  maxComments: number,
  now: number
): Promise<number | undefined> {
  return sql.transaction(async (tx) => {
    await tx.query('select 1 from shares where id = $1 for update', [shareId]);
    const [count] = await tx.query<{ n: string | number }>(
      'select count(*) as n from share_comments where share_id = $1',
      [shareId]
    );
    if (Number(count?.n ?? 0) >= maxComments) return undefined;
    const [row] = await tx.query<{ id: string | number }>(
      'insert into share_comments (share_id, sealed, created_at) values ($1, $2, $3) returning id',
      [shareId, sealed, now]
    );
    return Number(row!.id);
  });
}

export async function listComments(
  sql: SqlRunner,
  shareId: string
): Promise<{ id: number; sealed: string; createdAt: number }[]> {
  const rows = await sql.query<{ id: string | number; sealed: string; created_at: string | number }>(
    'select id, sealed, created_at from share_comments where share_id = $1 order by id',
    [shareId]
  );
  return rows.map((row) => ({ id: Number(row.id), sealed: row.sealed, createdAt: Number(row.created_at) }));
}
