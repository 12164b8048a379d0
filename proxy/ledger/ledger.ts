import { randomUUID } from 'node:crypto';
import type { AiOperation } from '../../src/lib/core/operations';
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
}

export interface StoredOutput {
  position: number;
  contentType: string;
  seed: number | null;
  costMicros: number;
}

export type Reservation =
  | { kind: 'reserved'; entry: LedgerEntry }
  | { kind: 'existing'; entry: LedgerEntry }
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
  createdAt: new Date(row.created_at).toISOString()
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
  op: AiOperation;
  amountMicros: number;
  limitMicros: number;
  now?: Date;
}

/**
 * Checks the budget and writes the reservation in one transaction, holding the user's month row locked, so two
 * parallel requests cannot both spend the last dollar. A key seen before returns its entry and charges nothing.
 */
export function reserve(sql: Sql, request: ReserveRequest): Promise<Reservation> {
  const month = monthOf(request.now ?? new Date());
  return sql.transaction(async (tx) => {
    const totals = await lockMonth(tx, request.user, month);
    const [existing] = await tx.query<EntryRow>(
      'select * from ledger_entries where user_name = $1 and idempotency_key = $2',
      [request.user, request.idempotencyKey]
    );
    if (existing) return { kind: 'existing', entry: toEntry(existing) };
    if (totals.spentMicros + totals.reservedMicros + request.amountMicros > request.limitMicros) {
      return { kind: 'over_budget', ...totals, limitMicros: request.limitMicros };
    }
    const { op } = request;
    const [row] = await tx.query<EntryRow>(
      `insert into ledger_entries (id, user_name, month, idempotency_key, operation, provider, model, request, status, reserved_micros)
       values ($1, $2, $3, $4, $5, $6, $7, $8, 'reserved', $9) returning *`,
      [
        randomUUID(),
        request.user,
        month,
        request.idempotencyKey,
        op.operation,
        op.provider,
        op.model,
        JSON.stringify(op),
        request.amountMicros
      ]
    );
    await tx.query(
      'update user_months set reserved_micros = reserved_micros + $3 where user_name = $1 and month = $2',
      [request.user, month, request.amountMicros]
    );
    return { kind: 'reserved', entry: toEntry(row as EntryRow) };
  });
}

export interface SettledOutput {
  contentType: string;
  seed?: number;
  costMicros: number;
  bytes: Uint8Array;
}

/**
 * Closes a reservation: stores the outputs, charges what they cost (never more than reserved) and returns the
 * rest. With no outputs it is a release: nothing is charged. Closing twice changes nothing.
 */
export function settle(
  sql: Sql,
  entryId: string,
  outputs: SettledOutput[],
  failed: number,
  error?: { code: string; message: string }
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
      outputs.reduce((sum, output) => sum + output.costMicros, 0)
    );
    for (const [position, output] of outputs.entries()) {
      await tx.query(
        'insert into job_outputs (entry_id, position, content_type, seed, cost_micros, bytes) values ($1, $2, $3, $4, $5, $6)',
        [entryId, position, output.contentType, output.seed ?? null, output.costMicros, output.bytes]
      );
    }
    const [row] = await tx.query<EntryRow>(
      `update ledger_entries set status = $2, charged_micros = $3, results_ok = $4, results_failed = $5, error = $6, updated_at = now()
       where id = $1 returning *`,
      [
        entryId,
        outputs.length ? 'settled' : 'released',
        charged,
        outputs.length,
        failed,
        error ? JSON.stringify(error) : null
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

/**
 * Releases reservations whose job can no longer be running (its instance died): nothing is charged for them and
 * their budget comes back. Returns how many were released.
 */
export async function releaseStale(sql: Sql, olderThanMs: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - olderThanMs).toISOString();
  const stale = await sql.query<{ id: string }>(
    `select id from ledger_entries where status = 'reserved' and updated_at < $1`,
    [cutoff]
  );
  for (const { id } of stale) {
    await release(sql, id, {
      code: 'abandoned',
      message: 'The server stopped before this job finished; nothing was charged.'
    });
  }
  return stale.length;
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

export async function readOutput(
  sql: Sql,
  entryId: string,
  position: number
): Promise<{ contentType: string; bytes: Uint8Array } | undefined> {
  const [row] = await sql.query<{ content_type: string; bytes: Uint8Array }>(
    'select content_type, bytes from job_outputs where entry_id = $1 and position = $2',
    [entryId, position]
  );
  return row ? { contentType: row.content_type, bytes: new Uint8Array(row.bytes) } : undefined;
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
