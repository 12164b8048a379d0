import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createApp } from '../../proxy/app';
import { migrate } from '../../proxy/db/migrate';
import { openPglite } from '../../proxy/db/sql';
import { filesystemStore } from '../../proxy/storage/blob-store';
import { packBoard } from '../../src/lib/core/share/board-pack';
import { importShareKey, newShareKey, seal } from '../../src/lib/core/share/crypto';
import { fixtureBytes, fixturePath, waitForServiceWorker } from './fixtures';

const order = ['sample3.jpg', 'sample1.jpg', 'sample5.jpg', 'sample2.jpg', 'sample4.jpg'];
const noteFor = (name: string) => `Note for ${name}: approve?`;

const items = (page: Page) => page.getByTestId('board-item');

test('A shares a 5-image board; B opens it without an account, comments and saves; A sees it and revokes', async ({
  page,
  browser
}) => {
  test.setTimeout(300_000);
  await page.goto('/library');
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles(order.map((name) => fixturePath(`faces/${name}`)));
  await expect(page.getByTestId('library-count')).toContainText('5 assets', { timeout: 60_000 });

  await page.getByRole('tab', { name: 'Boards' }).click();
  await page.getByLabel('New board name').fill('Client review');
  await page.getByRole('button', { name: 'Create board' }).click();
  for (const name of order) await page.getByRole('button', { name: `Add ${name} to the board` }).click();
  await expect(page.getByTestId('board-editor-item')).toHaveCount(5);
  for (const [index, name] of order.entries()) {
    const note = page.getByLabel(`Note for image ${index + 1}`);
    await note.fill(noteFor(name));
    await note.blur();
    await expect(note).toHaveValue(noteFor(name));
  }
  await page.getByLabel('Board note').fill('Spring campaign, round 1');
  await page.getByLabel('Board note').blur();

  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Link expires after').selectOption('7d');
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const link = await dialog.getByTestId('share-link').inputValue({ timeout: 120_000 });
  expect(link).toMatch(/\/b\/[\w-]{22}#[\w-]{43}$/);
  await expect(dialog.getByTestId('share-expiry')).toContainText('Version 1 · Expires');

  // B: a fresh browser context, no account, nothing in its library.
  const contextB = await browser.newContext();
  const b = await contextB.newPage();
  await b.goto(link);
  await expect(b.getByTestId('board-name')).toHaveText('Client review');
  await expect(items(b)).toHaveCount(5);
  expect(await items(b).locator('.name').allTextContents()).toEqual(order);
  expect(await items(b).getByTestId('item-note').allTextContents()).toEqual(order.map(noteFor));
  await expect(items(b).locator('img').first()).toHaveJSProperty('complete', true);
  expect(
    await items(b)
      .locator('img')
      .first()
      .evaluate((img: HTMLImageElement) => img.naturalWidth)
  ).toBeGreaterThan(0);

  await b.getByLabel('Your name for comments').fill('Bea');
  await b.getByLabel(`Comment on ${order[1]}`).fill('Crop tighter on the face');
  await b.getByLabel(`Comment on ${order[1]}`).press('Enter');
  await expect(items(b).nth(1).getByTestId('comment')).toHaveText('Bea: Crop tighter on the face');

  await items(b).nth(2).getByRole('button', { name: 'Save to my library' }).click();
  await expect(items(b).nth(2).getByRole('status')).toHaveText('Saved to your library');

  const bLibrary = await contextB.newPage();
  await bLibrary.goto('/library');
  await expect(bLibrary.getByTestId('library-count')).toContainText('1 assets');
  await bLibrary.close();

  // A sees the comment, decrypted with the key kept on A's device.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Shared link…' }).click();
  await expect(page.getByRole('dialog').getByTestId('owner-comment')).toHaveText(
    'Bea on Image 2: Crop tighter on the face'
  );
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke link' }).click();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Create link' })).toBeVisible();

  await b.reload();
  await expect(b.getByRole('heading', { name: 'This board was revoked' })).toBeVisible();
  await contextB.close();
});

test('an expired board answers 410 and the link shows a clear page', async ({ page }) => {
  // The same app and build on a second server whose clock the test moves forward a day.
  const sql = await openPglite();
  await migrate(sql);
  const clock = { now: Date.now() };
  const app = createApp({
    version: 'e2e',
    bodyLimitBytes: 1024 * 1024,
    providerKeys: {},
    staticRoot: 'build',
    shares: {
      sql,
      store: filesystemStore(mkdtempSync(join(tmpdir(), 'share-e2e-'))),
      maxShareBytes: 8 * 1024 * 1024,
      userQuotaBytes: 64 * 1024 * 1024,
      maxComments: 10,
      now: () => clock.now
    }
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const keyText = newShareKey();
    const sealed = await seal(
      await importShareKey(keyText),
      packBoard({
        name: 'Old board',
        note: '',
        cover: 0,
        createdAt: 1,
        images: [
          {
            name: 'a.jpg',
            note: '',
            mime: 'image/jpeg',
            width: 640,
            height: 480,
            bytes: fixtureBytes('faces/sample4-small.jpg')
          }
        ]
      })
    );
    const created = await fetch(`${origin}/api/shares?expiry=1d`, {
      method: 'POST',
      body: sealed as BodyInit
    });
    const { id } = (await created.json()) as { id: string };

    await page.goto(`${origin}/b/${id}#${keyText}`);
    await expect(page.getByTestId('board-name')).toHaveText('Old board');

    clock.now += 86_400_000;
    const answer = page.waitForResponse((response) => response.url().endsWith(`/api/shares/${id}`));
    await page.reload();
    expect((await answer).status()).toBe(410);
    await expect(page.getByRole('heading', { name: 'This board has expired' })).toBeVisible();
    await expect(page.getByTestId('board-failed')).toHaveAttribute('data-code', 'share_expired');
  } finally {
    server.close();
    await sql.close();
  }
});

test('a link with a wrong key says so plainly', async ({ page, request }) => {
  const sealed = await seal(
    await importShareKey(newShareKey()),
    packBoard({
      name: 'x',
      note: '',
      cover: 0,
      createdAt: 1,
      images: [
        {
          name: 'a.jpg',
          note: '',
          mime: 'image/jpeg',
          width: 1,
          height: 1,
          bytes: Uint8Array.from([1, 2, 3])
        }
      ]
    })
  );
  const created = await request.post('/api/shares?expiry=1d', { data: Buffer.from(sealed) });
  const { id } = (await created.json()) as { id: string };
  await page.goto(`/b/${id}#${newShareKey()}`);
  await expect(page.getByRole('heading', { name: 'This link’s key does not open the board' })).toBeVisible();
  await page.goto(`/b/${id}`);
  await expect(page.getByRole('heading', { name: 'This link is missing its key' })).toBeVisible();
});

/** A one-image board sealed as the app seals it and stored on the server; returns its link's path. */
async function sharedBoard(request: APIRequestContext): Promise<string> {
  const keyText = newShareKey();
  const sealed = await seal(
    await importShareKey(keyText),
    packBoard({
      name: 'Offline board',
      note: '',
      cover: 0,
      createdAt: 1,
      images: [
        {
          name: 'a.jpg',
          note: 'kept',
          mime: 'image/jpeg',
          width: 640,
          height: 480,
          bytes: fixtureBytes('faces/sample4-small.jpg')
        }
      ]
    })
  );
  const created = await request.post('/api/shares?expiry=1d', { data: Buffer.from(sealed) });
  const { id } = (await created.json()) as { id: string };
  return `/b/${id}#${keyText}`;
}

test('a board opened once stays readable offline (the ciphertext is cached, the key stays in the link)', async ({
  page,
  context,
  request
}) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await page.goto(await sharedBoard(request));
  await expect(page.getByTestId('item-note')).toHaveText('kept');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('board-name')).toHaveText('Offline board');
  await expect(page.getByText('offline copy')).toBeVisible();
  await expect(page.getByTestId('board-item').locator('img')).toHaveJSProperty('complete', true);
});

test("a board link is the first visit: it registers the app's one service worker at /sw.js, scope /, and reopens offline", async ({
  page,
  context,
  request,
  baseURL
}) => {
  await page.goto(await sharedBoard(request));
  await expect(page.getByTestId('item-note')).toHaveText('kept');
  await waitForServiceWorker(page);
  const registration = await page.evaluate(async () => {
    const found = await navigator.serviceWorker.getRegistration();
    const all = await navigator.serviceWorker.getRegistrations();
    return { scope: found?.scope, script: found?.active?.scriptURL, count: all.length };
  });
  expect(registration).toEqual({ scope: `${baseURL}/`, script: `${baseURL}/sw.js`, count: 1 });

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('board-name')).toHaveText('Offline board');
  await expect(page.getByTestId('board-item').locator('img')).toHaveJSProperty('complete', true);
  // The whole app came with it: another page opens from the same worker with the network still off.
  await page.goto('/library');
  await expect(page.getByRole('heading', { level: 1, name: 'Asset Library' })).toBeVisible();
});
