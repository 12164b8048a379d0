import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { expect, test } from '@playwright/test';
import { createApp } from '../../proxy/app';
import { waitForServiceWorker } from './fixtures';

let root: string;
let server: ServerType;
let origin: string;

test.beforeAll(async () => {
  // A private copy of the build, so this test can "deploy" a new service worker without touching others.
  root = mkdtempSync(join(tmpdir(), 'image-studio-deploy-'));
  cpSync('build', root, { recursive: true });
  const app = createApp({ version: 'test', bodyLimitBytes: 1024, providerKeys: {}, staticRoot: root });
  await new Promise<void>((ready) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      origin = `http://127.0.0.1:${info.port}`;
      ready();
    });
  });
});

test.afterAll(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

test('a new deployment shows a "new version — reload" prompt, and Reload switches to it', async ({
  page
}) => {
  await page.goto(`${origin}/`);
  await waitForServiceWorker(page);
  await expect(page.getByTestId('update-prompt')).toHaveCount(0);

  appendFileSync(join(root, 'sw.js'), `\n// deployment ${Date.now()}\n`);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

  const prompt = page.getByTestId('update-prompt');
  await expect(prompt).toContainText('A new version of Image Studio is ready.');
  const reloaded = page.waitForEvent('framenavigated');
  await prompt.getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  await expect(page.getByRole('heading', { level: 1, name: 'Image Studio' })).toBeVisible();
  const waiting = await page.evaluate(async () =>
    Boolean((await navigator.serviceWorker.getRegistration())?.waiting)
  );
  expect(waiting).toBe(false);
  await expect(page.getByTestId('update-prompt')).toHaveCount(0);
});
