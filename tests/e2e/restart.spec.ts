import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { waitForServiceWorker } from './fixtures';

// Its own port (beside the fakes' port + 1000…4000): this journey stops and starts its server.
const port = Number(process.env.E2E_PORT ?? 4317) + 5000;
const origin = `http://127.0.0.1:${port}`;
let dataDir: string;

/** `npm start` as a user runs it; resolves with its output once /api/health answers. */
async function start(): Promise<{ server: ChildProcess; output: () => string }> {
  const server = spawn('node', ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  server.stdout?.on('data', (chunk) => (output += chunk));
  server.stderr?.on('data', (chunk) => (output += chunk));
  await expect
    .poll(async () => (await fetch(`${origin}/api/health`).catch(() => undefined))?.status, {
      timeout: 30_000
    })
    .toBe(200);
  return { server, output: () => output };
}

async function stop(server: ChildProcess): Promise<void> {
  const exited = new Promise((done) => server.once('exit', done));
  server.kill('SIGTERM');
  await exited;
}

test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'image-studio-restart-'));
});
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('restarting the server with no source change reuses the build, and an open tab sees no new version', async ({
  page
}) => {
  const first = await start();
  try {
    // The e2e phase has just built everything: npm start must not build again.
    expect(first.output()).not.toMatch(/Rebuilding|Building/);
    await page.goto(`${origin}/`);
    await waitForServiceWorker(page);
  } finally {
    await stop(first.server);
  }

  const second = await start();
  try {
    expect(second.output()).not.toMatch(/Rebuilding|Building/);
    await page.reload();
    await waitForServiceWorker(page);
    const found = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
      return Boolean(registration?.installing ?? registration?.waiting);
    });
    expect(found).toBe(false);
    await expect(page.getByRole('heading', { level: 1, name: 'Image Studio' })).toBeVisible();
    await expect(page.getByTestId('update-prompt')).toHaveCount(0);
  } finally {
    await stop(second.server);
  }
});
