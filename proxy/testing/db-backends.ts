import { randomBytes } from 'node:crypto';
import { migrate } from '../db/migrate';
import { openPglite, openPostgres, type Sql } from '../db/sql';

export interface Backend {
  name: string;
  /** A fresh, migrated, empty ledger. */
  open(): Promise<Sql>;
  /** Frees what `open` made. */
  dispose(sql: Sql): Promise<void>;
}

const pglite: Backend = {
  name: 'PGlite',
  async open() {
    const sql = await openPglite();
    await migrate(sql);
    return sql;
  },
  dispose: (sql) => sql.close()
};

/** Each open gets its own schema on the real server, so test files never see each other's rows. */
function postgres(url: string): Backend {
  const schemas = new WeakMap<Sql, string>();
  return {
    name: 'PostgreSQL',
    async open() {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const admin = openPostgres(url);
      await admin.exec(`create schema ${schema}`);
      await admin.close();
      const sql = openPostgres(url, { searchPath: schema });
      await migrate(sql);
      schemas.set(sql, schema);
      return sql;
    },
    async dispose(sql) {
      await sql.exec(`drop schema ${schemas.get(sql)} cascade`);
      await sql.close();
    }
  };
}

/**
 * The ledger tests run on both engines. The real server is skipped only on a developer machine without
 * TEST_DATABASE_URL; CI starts one (`.ci/postgres.sh`) and a missing URL there is an error.
 */
export function ledgerBackends(): Backend[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI)
    throw new Error('TEST_DATABASE_URL must be set in CI (.ci/run starts PostgreSQL).');
  return url ? [pglite, postgres(url)] : [pglite];
}
