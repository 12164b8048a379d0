import { z } from 'zod';
import type { StudioDatabase } from '$lib/db/database';
import { AiClient } from './client';
import { readSetting, writeSetting } from '$lib/db/settings';

/** Where the AI proxy is and the user's token for it; kept in IndexedDB on this device only. */
export const AiConnectionSchema = z.object({
  /** Empty: the server that serves this app. */
  proxyUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
  token: z.string().trim().max(200)
});
export type AiConnection = z.infer<typeof AiConnectionSchema>;

export const AI_CONNECTION_KEY = 'ai.connection';
const empty: AiConnection = { proxyUrl: '', token: '' };

export const readAiConnection = (db: StudioDatabase) =>
  readSetting(db, AI_CONNECTION_KEY, AiConnectionSchema, empty);
export const writeAiConnection = (db: StudioDatabase, value: AiConnection) =>
  writeSetting(db, AI_CONNECTION_KEY, AiConnectionSchema, value);

/** A client for the connection saved now; none without a token. */
export async function savedAiClient(db: StudioDatabase): Promise<AiClient | undefined> {
  const connection = await readAiConnection(db);
  return connection.token ? new AiClient(connection) : undefined;
}
