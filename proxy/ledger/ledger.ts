import { randomUUID } from 'node:crypto';
import { cleanJson } from '../../src/lib/core/api/text';
import type { Sql, SqlRunner } from '../db/sql';

export type EntryStatus = 'reserved' | 'settled' | 'released';

export interface LedgerEntry {
  id: string;
  userName: string;
  month: string;
  idempotencyKey: string;
  operation: string;
  provider: string;
  model: string;
  status: EntryStatus;
  reservedMicros: number;
  chargedMicros: number;
  resultsOk: number;
  resultsFailed: number;
  error: { code: string; message: string } | null;
  createdAt: string;
  /** The operation as it was reserved (for a restarted server to resume it). */
  request: unknown;
  /** What was sent upstream, per variation position. */
  upstream: Record<string, VariationState>;
}

/**
 * One variation's upstream state, written as it changes: `submitting` before the request leaves (the provider
 * may charge from here on), `job` once it answers with a job id to poll, `stored` once the result is in the
 * blob store, `charged` when it ended without a result the provider still charged for, `failed` when it ended
 * without one and without a charge.
 */
export type VariationState =
  | { state: 'submitting'; seed?: number }
  | { state: 'job'; id: string; seed?: number }
  | { state: 'stored'; blobKey: string; contentType: string; sizeBytes: number; seed?: number }
  | { state: 'charged'; error: { code: string; message: string } }
  | { state: 'failed'; error: { code: string; message: string } };

export interface StoredOutput {
  position: number;
  contentType: string;
  seed: number | null;
  costMicros: number;
}

export type Reservation =
  | { kind: 'reserved'; entry: LedgerEntry }
  | { kind: 'existing'; entry: LedgerEntry }
  | { kind: 'key_reused'; entry: LedgerEntry }
  | { kind: 'over_budget'; spentMicros: number; reservedMicros: number; limitMicros: number };

interface EntryRow {
  id: string;
  user_name: string;
  month: string;
  idempotency_key: string;
  operation: string;
  provider: string;
  model: string;
  status: EntryStatus;
  reserved_micros: string | number;
  charged_micros: string | number;
  results_ok: number;
  results_failed: number;
  error: LedgerEntry['error'];
  created_at: Date | string;
  request: unknown;
  request_hash: string | null;
  upstream: Record<string, VariationState> | null;
}

const toEntry = (row: EntryRow): LedgerEntry => ({
  id: row.id,
  userName: row.user_name,
  month: row.month,
  idempotencyKey: row.idempotency_key,
  operation: row.operation,
  provider: row.provider,
  model: row.model,
  status: row.status,
  reservedMicros: Number(row.reserved_micros),
  chargedMicros: Number(row.charged_micros),
  resultsOk: row.results_ok,
  resultsFailed: row.results_failed,
  error: row.error,
  createdAt: new Date(row.created_at).toISOString(),
  request: row.request,
  upstream: row.upstream ?? {}
});

/** Budgets run per calendar month, UTC. */
export const monthOf = (date: Date): string => date.toISOString().slice(0, 7);

async function lockMonth(tx: SqlRunner, user: string, month: string) {
  await tx.query('insert into user_months (user_name, month) values ($1, $2) on conflict do nothing', [
    user,
    month
  ]);
  const [row] = await tx.query<{ reserved_micros: string | number; spent_micros: string | number }>(
    'select reserved_micros, spent_micros from user_months where user_name = $1 and month = $2 for update',
    [user, month]
  );
  return { reservedMicros: Number(row?.reserved_micros ?? 0), spentMicros: Number(row?.spent_micros ?? 0) };
}

export interface ReserveRequest {
  user: string;
  idempotencyKey: string;
  /** A hash of everything the operation was asked with: a key reused with other parameters is refused. */
  requestHash: string;
  /** What the entry is for: an operation, or `enhance` for a prompt rewrite. */
  op: { operation: string; provider: string; model: string };
  amountMicros: number;
  limitMicros: number;
  now?: Date;
}

/** An idempotency key answers with its first job for this long (Stripe's rule); after, it starts a new one. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/**
 * Checks the budget and writes the reservation in one transaction, holding the user's month row locked, so two
 * parallel requests cannot both spend the last dollar. A key seen in the last 24 h returns its entry and charges
 * nothing, or `key_reused` when it came with other parameters. A user with nothing left is refused even for a
 * free operation, so no request of theirs leaves the server.
 */
export function reserve(sql: Sql, request: ReserveRequest): Promise<Reservation> {
  const now = request.now ?? new Date();
  const month = monthOf(now);
  return sql.transaction(async (tx) => {
    const totals = await lockMonth(tx, request.user, month);
    const [existing] = await tx.query<EntryRow>(
      'select * from ledger_entries where user_name = $1 and idempotency_key = $2',
      [request.user, request.idempotencyKey]
    );
    if (existing && now.getTime() - new Date(existing.created_at).getTime() < IDEMPOTENCY_TTL_MS) {
      const entry = toEntry(existing);
      return existing.request_hash === null || existing.request_hash === request.requestHash
        ? { kind: 'existing', entry }
        : { kind: 'key_reused', entry };
    }
    // An expired key keeps its entry (the ledger is history) but gives up the key.
    if (existing)
      await tx.query(
        `update ledger_entries set idempotency_key = idempotency_key || '#' || id where id = $1`,
        [existing.id]
      );
    const used = totals.spentMicros + totals.reservedMicros;
    if (used + request.amountMicros > request.limitMicros || used >= request.limitMicros) {
      return { kind: 'over_budget', ...totals, limitMicros: request.limitMicros };
    }
    const { op } = request;
    const [row] = await tx.query<EntryRow>(
      `insert into ledger_entries (id, user_name, month, idempotency_key, operation, provider, model, request, status, reserved_micros, request_hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, 'reserved', $9, $10) returning *`,
      [
        randomUUID(),
        request.user,
        month,
        request.idempotencyKey,
        op.operation,
        op.provider,
        op.model,
        cleanJson(op),
        request.amountMicros,
        request.requestHash
      ]
    );
    await tx.query(
      'update user_months set reserved_micros = reserved_micros + $3 where user_name = $1 and month = $2',
      [request.user, month, request.amountMicros]
    );
    return { kind: 'reserved', entry: toEntry(row as EntryRow) };
  });
}

/** A result in the blob store, recorded when its job settles. */
export interface SettledOutput {
  contentType: string;
  seed?: number;
  costMicros: number;
  blobKey: string;
  sizeBytes: number;
  expiresAt: Date;
}

/**
 * Closes a reservation: records the outputs, charges what they cost plus `unpaidMicros` (variations the provider
 * charged for that brought no result), never more than reserved, and returns the rest. With nothing to charge it
 * is a release. Closing twice changes nothing. Error text is cleaned of what SQL cannot store.
 */
export function settle(
  sql: Sql,
  entryId: string,
  outputs: SettledOutput[],
  failed: number,
  error?: { code: string; message: string },
  unpaidMicros = 0
): Promise<LedgerEntry> {
  return sql.transaction(async (tx) => {
    const [current] = await tx.query<EntryRow>('select * from ledger_entries where id = $1', [entryId]);
    if (!current) throw new Error(`no ledger entry ${entryId}`);
    await lockMonth(tx, current.user_name, current.month);
    const [locked] = await tx.query<EntryRow>('select * from ledger_entries where id = $1 for update', [
      entryId
    ]);
    if (!locked || locked.status !== 'reserved') return toEntry(locked ?? current);
    const reserved = Number(locked.reserved_micros);
    const charged = Math.min(
      reserved,
      outputs.reduce((sum, output) => sum + output.costMicros, unpaidMicros)
    );
    for (const [position, output] of outputs.entries()) {
      await tx.query(
        'insert into job_outputs (entry_id, position, content_type, seed, cost_micros, blob_key, size_bytes, expires_at) values ($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          entryId,
          position,
          output.contentType,
          output.seed ?? null,
          output.costMicros,
          output.blobKey,
          output.sizeBytes,
          output.expiresAt.toISOString()
        ]
      );
    }
    const [row] = await tx.query<EntryRow>(
      `update ledger_entries set status = $2, charged_micros = $3, results_ok = $4, results_failed = $5, error = $6, updated_at = now()
       where id = $1 returning *`,
      [
        entryId,
        outputs.length || charged ? 'settled' : 'released',
        charged,
        outputs.length,
        failed,
        error ? cleanJson(error) : null
      ]
    );
    await tx.query(
      'update user_months set reserved_micros = reserved_micros - $3, spent_micros = spent_micros + $4 where user_name = $1 and month = $2',
      [locked.user_name, locked.month, reserved, charged]
    );
    return toEntry(row as EntryRow);
  });
}

export const release = (sql: Sql, entryId: string, error: { code: string; message: string }) =>
  settle(sql, entryId, [], 1, error);

/** Records one variation's upstream state on its entry (one statement, so parallel variations never collide). */
export async function markVariation(
  sql: Sql,
  entryId: string,
  position: number,
  state: VariationState
): Promise<void> {
  await sql.query(
    `update ledger_entries set upstream = jsonb_set(upstream, $2, $3::jsonb), updated_at = now() where id = $1`,
    [entryId, `{${position}}`, cleanJson(state)]
  );
}

/** Marks entries as still worked on by a live instance (the recovery sweep leaves them alone). */
export async function heartbeat(sql: Sql, entryIds: readonly string[]): Promise<void> {
  if (entryIds.length)
    await sql.query(
      `update ledger_entries set updated_at = now() where status = 'reserved' and id = any($1::uuid[])`,
      [entryIds]
    );
}

/** Hands entries to whichever instance sweeps next (a server shutting down with jobs still running). */
export async function handOff(sql: Sql, entryIds: readonly string[]): Promise<void> {
  if (entryIds.length)
    await sql.query(
      `update ledger_entries set updated_at = now() - interval '1 day' where status = 'reserved' and id = any($1::uuid[])`,
      [entryIds]
    );
}

/**
 * Claims reservations nobody has touched for `staleMs` (their instance died or handed them off): each claim is a
 * compare-and-set on `updated_at`, so two instances sweeping at once never both take one.
 */
export async function claimAbandoned(sql: Sql, staleMs: number): Promise<LedgerEntry[]> {
  const stale = await sql.query<{ id: string; seen: string }>(
    `select id, updated_at::text as seen from ledger_entries where status = 'reserved' and updated_at < now() - ($1::bigint * interval '1 millisecond')`,
    [staleMs]
  );
  const claimed: LedgerEntry[] = [];
  for (const { id, seen } of stale) {
    const [row] = await sql.query<EntryRow>(
      `update ledger_entries set updated_at = now() where id = $1 and status = 'reserved' and updated_at::text = $2 returning *`,
      [id, seen]
    );
    if (row) claimed.push(toEntry(row));
  }
  return claimed;
}

/** Drops outputs past their expiry; answers the blob keys to delete. */
export async function expireOutputs(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ blob_key: string | null }>(
    'delete from job_outputs where expires_at < now() returning blob_key'
  );
  return rows.flatMap((row) => (row.blob_key ? [row.blob_key] : []));
}

export async function findEntry(sql: Sql, user: string, id: string): Promise<LedgerEntry | undefined> {
  const [row] = await sql.query<EntryRow>('select * from ledger_entries where id = $1 and user_name = $2', [
    id,
    user
  ]);
  return row ? toEntry(row) : undefined;
}

export async function listOutputs(sql: Sql, entryId: string): Promise<StoredOutput[]> {
  const rows = await sql.query<{
    position: number;
    content_type: string;
    seed: string | number | null;
    cost_micros: string | number;
  }>(
    'select position, content_type, seed, cost_micros from job_outputs where entry_id = $1 order by position',
    [entryId]
  );
  return rows.map((row) => ({
    position: row.position,
    contentType: row.content_type,
    seed: row.seed === null ? null : Number(row.seed),
    costMicros: Number(row.cost_micros)
  }));
}

/** Where an output's bytes are: a blob key, or (results stored before migration 004) the row itself. */
export async function readOutput(
  sql: Sql,
  entryId: string,
  position: number
): Promise<{ contentType: string; blobKey: string | null; bytes: Uint8Array | null } | undefined> {
  const [row] = await sql.query<{ content_type: string; blob_key: string | null; bytes: Uint8Array | null }>(
    'select content_type, blob_key, case when blob_key is null then bytes end as bytes from job_outputs where entry_id = $1 and position = $2',
    [entryId, position]
  );
  if (!row) return undefined;
  return {
    contentType: row.content_type,
    blobKey: row.blob_key,
    bytes: row.bytes ? new Uint8Array(row.bytes) : null
  };
}

export async function monthTotals(
  sql: Sql,
  user: string,
  now = new Date()
): Promise<{ month: string; spentMicros: number; reservedMicros: number }> {
  const month = monthOf(now);
  const [row] = await sql.query<{ spent_micros: string | number; reserved_micros: string | number }>(
    'select spent_micros, reserved_micros from user_months where user_name = $1 and month = $2',
    [user, month]
  );
  return {
    month,
    spentMicros: Number(row?.spent_micros ?? 0),
    reservedMicros: Number(row?.reserved_micros ?? 0)
  };
}

/** Rows where the month totals disagree with the entries: empty when the ledger balances. */
export function imbalances(sql: Sql) {
  return sql.query<{ user_name: string; month: string }>(
    `select m.user_name, m.month from user_months m
     left join (
       select user_name, month,
              sum(case when status = 'settled' then charged_micros else 0 end) as charged,
              sum(case when status = 'reserved' then reserved_micros else 0 end) as open
       from ledger_entries group by user_name, month
     ) e on e.user_name = m.user_name and e.month = m.month
     where m.spent_micros <> coalesce(e.charged, 0) or m.reserved_micros <> coalesce(e.open, 0)`
  );
}
