import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../db/sql';
import { ledgerBackends } from '../testing/db-backends';
import { memoryRateLimit, sqlRateLimit, type RateLimit } from './rate-limit';

const hits = async (limit: RateLimit, key: string, n: number) => {
  const answers: (number | undefined)[] = [];
  for (let i = 0; i < n; i++) answers.push(await limit.hit(key));
  return answers;
};

describe('memoryRateLimit', () => {
  it('allows perWindow hits per key, then says how long to wait, then a new window', async () => {
    const clock = { now: 0 };
    const limit = memoryRateLimit({ name: 't', perWindow: 2, windowMs: 10_000, now: () => clock.now });
    expect(await hits(limit, 'a', 3)).toEqual([undefined, undefined, 10]);
    expect(await limit.hit('b')).toBeUndefined();
    clock.now = 10_000;
    expect(await limit.hit('a')).toBeUndefined();
  });
});

for (const backend of ledgerBackends()) {
  describe(`sqlRateLimit on ${backend.name}`, () => {
    let sql: Sql;
    beforeAll(async () => {
      sql = await backend.open();
    }, 60_000);
    afterAll(() => backend.dispose(sql));

    it('shares one count between two instances, per limit name, and resets with the window', async () => {
      const clock = { now: 1_000_000 };
      const options = { name: 'comments', perWindow: 5, windowMs: 60_000, now: () => clock.now };
      const first = sqlRateLimit(sql, options);
      const second = sqlRateLimit(sql, options);
      const other = sqlRateLimit(sql, { ...options, name: 'other' });
      const answers = await Promise.all([hits(first, 'k', 3), hits(second, 'k', 3)]);
      expect(answers.flat().filter((wait) => wait === undefined)).toHaveLength(5);
      expect(answers.flat().find((wait) => wait !== undefined)).toBe(60);
      expect(await other.hit('k')).toBeUndefined();
      clock.now += 60_000;
      expect(await first.hit('k')).toBeUndefined();
    });
  });
}
