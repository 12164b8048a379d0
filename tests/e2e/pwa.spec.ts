import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { readHeaderSize } from '../../src/lib/core/image/header';
import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { fixturePath, imageBytes, openOffline, waitForServiceWorker } from './fixtures';

test('the manifest makes the app installable, with 192, 512 and maskable icons', async ({
  page,
  request
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (await request.get(new URL(href!, page.url()).pathname)).json()) as {
    icons: { src: string; sizes: string; purpose?: string }[];
    display: string;
  };
  expect(manifest.display).toBe('standalone');
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    const size = readHeaderSize(new Uint8Array(await response.body()));
    expect(`${size?.width}x${size?.height}`).toBe(icon.sizes);
  }
  expect(manifest.icons.map((icon) => `${icon.sizes}:${icon.purpose ?? 'any'}`).sort()).toEqual([
    '192x192:any',
    '512x512:any',
    '512x512:maskable'
  ]);
});

test('Chromium reports no installability errors (in a normal, non-incognito profile)', async ({
  baseURL
}) => {
  const profile = mkdtempSync(join(tmpdir(), 'image-studio-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutable(),
    args: chromiumArgs
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${baseURL}/`);
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('after one visit the app opens and resizes a JPEG to 200×200 with the network off', async ({ page }) => {
  await openOffline(page, '/');
  await expect(page.getByRole('heading', { level: 1, name: 'Image Studio' })).toBeVisible();

  await page.locator('input[type="file"]').setInputFiles(fixturePath('faces/sample1.jpg'));
  await expect(page.getByTestId('probe-size')).toHaveText('1920×1280');
  await expect(page.getByTestId('resize-output')).toBeVisible();
  const bytes = await imageBytes(page, '[data-testid="resize-output"]');
  expect(readHeaderSize(bytes)).toEqual({ width: 200, height: 200 });
  const decoded = await page
    .getByTestId('resize-output')
    .evaluate((img: HTMLImageElement) => `${img.naturalWidth}x${img.naturalHeight}`);
  expect(decoded).toBe('200x200');

  await page.goto('/library');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Asset Library');
});

test('the first visit says the app is ready offline, and the note goes by itself (it never hides a bottom bar)', async ({
  page
}) => {
  // The first install precaches the app with its models (tens of MB): on a busy machine that takes a while.
  test.setTimeout(200_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/social');
  const note = page.getByTestId('offline-ready');
  await expect(note).toBeVisible({ timeout: 150_000 });
  await expect(note).toBeHidden({ timeout: 10_000 });
});

test.describe('without a service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('the offline reload really has no network (control for the test above)', async ({ page, context }) => {
    await page.goto('/');
    await context.setOffline(true);
    await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
  });
});
