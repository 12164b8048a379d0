import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { openPglite, openPostgres, type Sql } from './sql';

const versions = readdirSync(fileURLToPath(new URL('./migrations/', import.meta.url)))
  .filter((name) => /^\d+_/.test(name))
  .map((name) => Number(name.split('_')[0]))
  .sort((a, b) => a - b);

/** Both runs succeed and every migration ran exactly once between them. */
async function both(first: Sql, second: Sql, dir?: string, expected = versions) {
  const [a, b] = await Promise.all([migrate(first, dir), migrate(second, dir)]);
  expect([...a, ...b].sort((x, y) => x - y)).toEqual(expected);
  const rows = await first.query<{ version: number }>('select version from schema_migrations order by 1');
  expect(rows.map((row) => row.version)).toEqual(expected);
}

describe('two migrate() at once', () => {
  // PGlite runs DDL slowly, so its 30 rounds use two one-line migrations: the race is in migrate(), not in them.
  it('both succeed on PGlite, 30 times over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(dir, '001_a.sql'), 'create table a (id integer);\n');
    writeFileSync(join(dir, '002_b.sql'), 'create table b (id integer);\n');
    const sql = await openPglite();
    try {
      for (let round = 0; round < 30; round++) {
        await sql.exec('drop schema public cascade; create schema public');
        await both(sql, sql, dir, [1, 2]);
      }
    } finally {
      await sql.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  const url = process.env.TEST_DATABASE_URL;
  describe.skipIf(!url)('on PostgreSQL, as two instances with their own pools', () => {
    let admin: Sql;
    const schemas: string[] = [];
    beforeAll(() => {
      admin = openPostgres(url!);
    });
    afterAll(async () => {
      for (const schema of schemas) await admin.exec(`drop schema if exists ${schema} cascade`);
      await admin.close();
    });

    it('both succeed, 30 times over', async () => {
      for (let round = 0; round < 30; round++) {
        const schema = `migrate_${randomBytes(6).toString('hex')}`;
        schemas.push(schema);
        await admin.exec(`create schema ${schema}`);
        const first = openPostgres(url!, { searchPath: schema });
        const second = openPostgres(url!, { searchPath: schema });
        try {
          await both(first, second);
        } finally {
          await Promise.all([first.close(), second.close()]);
        }
      }
    }, 120_000);
  });
});
