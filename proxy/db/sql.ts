import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** The little of PostgreSQL the ledger needs, the same over embedded PGlite and a real server. */
export interface SqlRunner {
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>;
}

export interface Sql extends SqlRunner {
  /** Runs several statements (a migration file). */
  exec(text: string): Promise<void>;
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

/** Embedded PostgreSQL (WASM) in a directory; one process, transactions run one at a time. */
export async function openPglite(dataDir?: string): Promise<Sql> {
  const db = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    async query<Row>(text: string, params?: unknown[]) {
      return (await db.query<Row>(text, params)).rows;
    },
    async exec(text) {
      await db.exec(text);
    },
    transaction(work) {
      return db.transaction((tx) =>
        work({
          query: async <Row>(text: string, params?: unknown[]) => (await tx.query<Row>(text, params)).rows
        })
      );
    },
    close: () => db.close()
  };
}

/** A PostgreSQL server through a pool, for several proxy instances sharing one ledger. */
export function openPostgres(connectionString: string, options: { searchPath?: string } = {}): Sql {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {})
  });
  return {
    kind: 'postgres',
    async query<Row>(text: string, params?: unknown[]) {
      return (await pool.query(text, params)).rows as Row[];
    },
    async exec(text) {
      await pool.query(text);
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({
          query: async <Row>(text: string, params?: unknown[]) =>
            (await client.query(text, params)).rows as Row[]
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end()
  };
}
