import { existsSync, readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createAiDeps } from './ai/setup';
import { createApp } from './app';
import { readConfig } from './config';
import { createNotifyDeps } from './notify/setup';
import { createShareDeps } from './shares/setup';

// The project's package.json: one folder up from proxy/ (run from source), two from dist/server/ (built).
const packageJson = ['../package.json', '../../package.json']
  .map((path) => new URL(path, import.meta.url))
  .find((url) => existsSync(url));
const { version } = JSON.parse(readFileSync(packageJson ?? 'package.json', 'utf8')) as { version: string };
const config = readConfig(process.env, version);
const ai = await createAiDeps(config, (line) => console.log(line));
const shares = await createShareDeps(config, ai.sql, ai.users, (line) => console.log(line));
const notify = createNotifyDeps(config.notify, ai.users, (line) => console.log(line));
const app = createApp({ ...config, ai, shares, notify });

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const configured = Object.keys(config.providerKeys);
  const host = ['127.0.0.1', '0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host;
  console.log(`Image Studio ${version} is running at http://${host}:${info.port}/`);
  console.log(
    configured.length
      ? `AI providers configured: ${configured.join(', ')}`
      : 'No AI provider keys configured: the on-device modules work; see README.md to enable AI.'
  );
  console.log(
    `AI ledger: ${ai.sql.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.ai.dataDir}/ledger`}; ` +
      (ai.users.size ? `${ai.users.size} AI user(s).` : 'no AI users yet (npm run user:add -- <name>).')
  );
  console.log(
    config.notify.smtp
      ? `E-mail notices through ${config.notify.smtp.host}:${config.notify.smtp.port}${config.notify.smtp.secure ? ' (TLS)' : ''}.`
      : 'E-mail notices off (set SMTP_URL to send them).'
  );
});

/**
 * SIGTERM/SIGINT: stop accepting, let running AI jobs finish within AI_SHUTDOWN_GRACE_MS, hand the rest to the
 * next start (their upstream jobs are recorded, so it resumes them), then exit. A second signal exits at once.
 */
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) process.exit(1);
  stopping = true;
  console.log(
    `[proxy] ${signal}: no new requests; finishing AI jobs (up to ${config.ai.shutdownGraceMs} ms)`
  );
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const { finished, handedOff } = await ai.runner.shutdown(config.ai.shutdownGraceMs);
  console.log(`[proxy] ${finished} job(s) finished, ${handedOff} handed to the next start`);
  // Waiting requests answered once their job closed; idle keep-alive sockets would hold the listener open.
  (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  await ai.sql.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
