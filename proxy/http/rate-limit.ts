import type { Sql } from '../db/sql';

/** A fixed window per key: `hit` counts one request and answers undefined, or the seconds until it may retry. */
export interface RateLimit {
  hit(key: string): Promise<number | undefined>;
}

export interface RateLimitOptions {
  /** Names the limit, so two limits never count each other's keys. */
  name: string;
  perWindow: number;
  windowMs?: number;
  now?: () => number;
}

/** In this process: with several instances each applies it on its own (bounding a key at instances × limit). */
export function memoryRateLimit({
  perWindow,
  windowMs = 60_000,
  now = Date.now
}: RateLimitOptions): RateLimit {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async hit(key) {
      const at = now();
      const window = windows.get(key);
      if (!window || at - window.start >= windowMs) {
        // Forget finished windows now and then, so a stream of new keys cannot grow the map for ever.
        if (windows.size > 10_000)
          for (const [old, { start }] of windows) if (at - start >= windowMs) windows.delete(old);
        windows.set(key, { start: at, count: 1 });
        return undefined;
      }
      if (window.count >= perWindow) return Math.ceil((window.start + windowMs - at) / 1000);
      window.count++;
      return undefined;
    }
  };
}

/** In PostgreSQL: one atomic upsert per hit, so every instance on the database shares the same count. */
export function sqlRateLimit(
  sql: Sql,
  { name, perWindow, windowMs = 60_000, now = Date.now }: RateLimitOptions
): RateLimit {
  let hits = 0;
  return {
    async hit(key) {
      const at = now();
      if (++hits % 500 === 0)
        await sql.query('delete from rate_limits where key like $1 and window_start <= $2', [
          `${name}:%`,
          at - windowMs
        ]);
      const [row] = await sql.query<{ window_start: string | number; hits: number }>(
        `insert into rate_limits (key, window_start, hits) values ($1, $2, 1)
         on conflict (key) do update set
           window_start = case when rate_limits.window_start <= $2 - $3 then $2 else rate_limits.window_start end,
           hits = case when rate_limits.window_start <= $2 - $3 then 1 else rate_limits.hits + 1 end
         returning window_start, hits`,
        [`${name}:${key}`, at, windowMs]
      );
      if (!row || row.hits <= perWindow) return undefined;
      return Math.max(1, Math.ceil((Number(row.window_start) + windowMs - at) / 1000));
    }
  };
}

/** Shared through PostgreSQL when the server has one (DATABASE_URL), per instance otherwise. */
export const rateLimit = (sql: Sql | undefined, options: RateLimitOptions): RateLimit =>
  sql?.kind === 'postgres' ? sqlRateLimit(sql, options) : memoryRateLimit(options);
