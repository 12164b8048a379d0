import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioDatabase } from '$lib/db/database';
import { AiClient } from './client';
import { savedAiClient, writeAiConnection } from './connection';

const name = `connection-${crypto.randomUUID()}`;
const db = new StudioDatabase(name);
afterAll(() => Dexie.delete(name));

describe('savedAiClient', () => {
  it('gives no client until a token is saved, then one for the saved connection', async () => {
    expect(await savedAiClient(db)).toBeUndefined();
    await writeAiConnection(db, { proxyUrl: 'https://proxy.example', token: '  ' });
    expect(await savedAiClient(db)).toBeUndefined();
    await writeAiConnection(db, { proxyUrl: 'https://proxy.example', token: 'tok-1' });
    expect(await savedAiClient(db)).toBeInstanceOf(AiClient);
  });
});
