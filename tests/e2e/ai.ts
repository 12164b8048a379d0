import { createHash } from 'node:crypto';

/** The fake Stability key the e2e proxy holds; the secrets check greps the bundle for it. */
export const E2E_STABILITY_KEY = 'sk-e2e-fake-stability-key-31f5c0';
/** The e2e user's token; the proxy only knows its hash (AI_USERS). */
export const E2E_TOKEN = 'isk_e2e-user-token-for-create-studio';
/** Tokens of users that only the batch journeys spend as, so each can check its own spend exactly in parallel. */
export const E2E_BATCH_TOKENS = {
  csv: 'isk_e2e-batch-csv-user-token',
  tabs: 'isk_e2e-batch-tabs-user-token'
} as const;
const userEntry = (name: string, token: string) =>
  `${name}:${createHash('sha256').update(token).digest('hex')}:1000`;
/** The user the batch e-mail journey signs in as, and the address the server holds for them. */
export const E2E_MAIL_TOKEN = 'isk_e2e-mail-user-token';
export const E2E_MAIL_TO = 'e2e-mail@example.test';
export const E2E_USERS = [
  userEntry('e2e', E2E_TOKEN),
  userEntry('e2e-batch-csv', E2E_BATCH_TOKENS.csv),
  userEntry('e2e-batch-tabs', E2E_BATCH_TOKENS.tabs),
  `${userEntry('e2e-mail', E2E_MAIL_TOKEN)}:${E2E_MAIL_TO}`
].join(',');
export const fakeStabilityPort = (port: number) => port + 1000;
export const E2E_WAVESPEED_KEY = 'ws-e2e-fake-wavespeed-key-8c21aa';
/** +2000, not +1001: the next engineer's E2E_PORT + 1000 would collide. */
export const fakeWaveSpeedPort = (port: number) => port + 2000;
/** The SMTP sink the e2e proxy mails through, and the HTTP port that lists what it received. */
export const smtpSinkPorts = (port: number) => ({ smtp: port + 3000, http: port + 4000 });
