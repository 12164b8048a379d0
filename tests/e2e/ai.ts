import { createHash } from 'node:crypto';

/** The fake Stability key the e2e proxy holds; the secrets check greps the bundle for it. */
export const E2E_STABILITY_KEY = 'sk-e2e-fake-stability-key-31f5c0';
/** The e2e user's token; the proxy only knows its hash (AI_USERS). */
export const E2E_TOKEN = 'isk_e2e-user-token-for-create-studio';
export const E2E_USERS = `e2e:${createHash('sha256').update(E2E_TOKEN).digest('hex')}:1000`;
export const fakeStabilityPort = (port: number) => port + 1000;
export const E2E_WAVESPEED_KEY = 'ws-e2e-fake-wavespeed-key-8c21aa';
/** +2000, not +1001: the next engineer's E2E_PORT + 1000 would collide. */
export const fakeWaveSpeedPort = (port: number) => port + 2000;
