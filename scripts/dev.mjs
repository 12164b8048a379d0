// `npm run dev`: Vite with hot reload in front, the Hono proxy (API only, restarted on change) behind /api.
import { spawn } from 'node:child_process';

const proxyPort = process.env.PROXY_DEV_PORT ?? '8788';
const env = { ...process.env, PROXY_DEV_PORT: proxyPort };

const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'proxy/main.ts'], {
    stdio: 'inherit',
    env: { ...env, PORT: proxyPort, STATIC_ROOT: '' }
  }),
  spawn('npx', ['vite', 'dev', ...process.argv.slice(2)], { stdio: 'inherit', env })
];

const stop = (code = 0) => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
};
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
