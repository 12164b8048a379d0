import type { z } from 'zod';
import type { StudioDatabase } from './database';

/** Reads a setting; a missing or no-longer-valid value (an older app wrote it) gives the fallback. */
export async function readSetting<T>(
  db: StudioDatabase,
  key: string,
  schema: z.ZodType<T>,
  fallback: T
): Promise<T> {
  const row = await db.settings.get(key);
  if (!row) return fallback;
  const parsed = schema.safeParse(row.value);
  return parsed.success ? parsed.data : fallback;
}

export async function writeSetting<T>(
  db: StudioDatabase,
  key: string,
  schema: z.ZodType<T>,
  value: T
): Promise<void> {
  await db.settings.put({ key, value: schema.parse(value), updatedAt: Date.now() });
}
