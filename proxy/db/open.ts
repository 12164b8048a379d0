import { mkdirSync } from 'node:fs';
import { migrate } from './migrate';
import { openPglite, openPostgres, type Sql } from './sql';

/** The server's database (ledger, shares): PostgreSQL at DATABASE_URL when set, else embedded PGlite in `dataDir`; migrated. */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Sql> {
  let sql: Sql;
  if (options.databaseUrl) sql = openPostgres(options.databaseUrl);
  else {
    mkdirSync(options.dataDir, { recursive: true });
    sql = await openPglite(options.dataDir);
  }
  await migrate(sql);
  return sql;
}
