import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StudioDatabase } from './database';
import { readSetting, writeSetting } from './settings';

const ProxySchema = z.object({ url: z.url(), token: z.string().min(1) });
let db: StudioDatabase;

afterEach(async () => {
  await db?.delete();
});

describe('settings', () => {
  it('round-trips a validated value', async () => {
    db = new StudioDatabase(`settings-${crypto.randomUUID()}`);
    await writeSetting(db, 'proxy', ProxySchema, { url: 'http://localhost:8787', token: 'abc' });
    expect(await readSetting(db, 'proxy', ProxySchema, { url: 'http://x.test', token: '-' })).toEqual({
      url: 'http://localhost:8787',
      token: 'abc'
    });
  });

  it('refuses to write an invalid value', async () => {
    db = new StudioDatabase(`settings-${crypto.randomUUID()}`);
    await expect(writeSetting(db, 'proxy', ProxySchema, { url: 'not a url', token: '' })).rejects.toThrow();
    expect(await db.settings.count()).toBe(0);
  });

  it('falls back when a stored value no longer matches its schema', async () => {
    db = new StudioDatabase(`settings-${crypto.randomUUID()}`);
    await db.settings.put({ key: 'proxy', value: { url: 42 }, updatedAt: 0 });
    const fallback = { url: 'http://localhost:8787', token: 'none' };
    expect(await readSetting(db, 'proxy', ProxySchema, fallback)).toBe(fallback);
  });
});
