import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createAiDeps } from './ai/setup';
import { createApp } from './app';
import { readConfig } from './config';
import { configSecrets, serverLog } from './log/log';
import { createNotifyDeps } from './notify/setup';
import { createShareDeps } from './shares/setup';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const config = readConfig(process.env, version);
const log = serverLog(configSecrets(config), (line) => console.log(line));
const ai = await createAiDeps(config, log);
const shares = await createShareDeps(config, ai.sql, ai.users, log);
const notify = createNotifyDeps(config.notify, ai.users, log, ai.sql);
const app = createApp({ ...config, ai, shares, notify, log });

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

const shutdown = () => server.close(() => void ai.sql.close().finally(() => process.exit(0)));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
