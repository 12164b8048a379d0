import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sql } from './sql';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Any constant: instances starting together take this lock so each migration runs once. */
const MIGRATION_LOCK = 727_401;

/** Applies every `NNN_name.sql` not yet applied, in order, each in its own transaction. Returns what ran. */
export async function migrate(sql: Sql, dir = migrationsDir): Promise<number[]> {
  await sql.exec(
    'create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())'
  );
  const files = readdirSync(dir)
    .filter((name) => /^\d+_[\w-]+\.sql$/.test(name))
    .sort();
  const applied: number[] = [];
  for (const file of files) {
    const version = Number(file.split('_')[0]);
    const ran = await sql.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('select 1 from schema_migrations where version = $1', [version]);
      if (done.length) return false;
      for (const statement of splitStatements(readFileSync(`${dir}/${file}`, 'utf8')))
        await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [version, file]);
      return true;
    });
    if (ran) applied.push(version);
  }
  return applied;
}

/** Our migration files hold plain DDL: statements end with `;` at a line end, comments start with `--`. */
function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter(Boolean);
}
