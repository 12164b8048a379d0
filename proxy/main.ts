import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { readConfig } from './config';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const config = readConfig(process.env, version);
const app = createApp(config);

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const configured = Object.keys(config.providerKeys);
  const host = ['127.0.0.1', '0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host;
  console.log(`Image Studio ${version} is running at http://${host}:${info.port}/`);
  console.log(
    configured.length
      ? `AI providers configured: ${configured.join(', ')}`
      : 'No AI provider keys configured: the on-device modules work; see README.md to enable AI.'
  );
});

const shutdown = () => server.close(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
