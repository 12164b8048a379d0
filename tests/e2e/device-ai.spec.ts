import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { fixtureBytes, imageBytes, openOffline } from './fixtures';
import { dropSource, testImage, versionsOf } from './studio-helpers';

/** Every request the page (and its workers) makes that leaves the app's origin. */
function foreignRequests(page: Page): string[] {
  const origin = new URL(page.url() || 'http://localhost').origin;
  const seen: string[] = [];
  page.context().on('request', (request) => {
    const url = new URL(request.url());
    if (!['blob:', 'data:'].includes(url.protocol) && url.origin !== origin) seen.push(request.url());
  });
  return seen;
}

const portrait = () => Buffer.from(fixtureBytes('faces/sample4-small.jpg'));

test('offline with no token: remove the background (PNG with alpha) then blur it, each saved as a version, no request leaving the app', async ({
  page
}) => {
  test.setTimeout(180_000);
  await openOffline(page, '/edit');
  const foreign = foreignRequests(page);
  await expect(page.getByTestId('offline-note')).toContainText('You are offline');
  await expect(page.getByTestId('device-tools')).toContainText('On this device — free, works offline');
  await dropSource(page, 'portrait.jpg', portrait());

  await page.getByTestId('device-tool-cutout').check();
  await page.getByTestId('device-run').click();
  await expect(page.getByTestId('device-saved')).toBeVisible({ timeout: 90_000 });
  const png = await imageBytes(page, '[data-testid="device-result"] img');
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height, info.channels]).toEqual([640, 483, 4]);
  expect(data[3]).toBeLessThan(20);
  let opaque = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 240) opaque++;
  expect(opaque).toBeGreaterThan(info.width * info.height * 0.2);

  const cut = await versionsOf(page, 'portrait.jpg');
  expect(cut.versions.map((version) => version.operation)).toEqual(['import', 'device.remove-background']);
  expect(cut.versions[1]).toMatchObject({ id: cut.currentVersionId, mime: 'image/png' });
  expect(cut.versions[1]?.params).toMatchObject({
    model: 'selfie',
    format: 'png',
    background: { kind: 'transparent' }
  });

  // The blur starts from the original again (the cut-out has nothing left to blur).
  await page.getByRole('button', { name: 'Change image' }).click();
  await dropSource(page, 'portrait.jpg', portrait());
  await expect(page.getByTestId('source-size')).toContainText('640×483 · JPEG');
  await page.getByTestId('device-tool-blur').check();
  await page.getByTestId('device-run').click();
  await expect(page.getByTestId('device-saved')).toBeVisible({ timeout: 90_000 });
  const blurred = await sharp(await imageBytes(page, '[data-testid="device-result"] img'))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const original = await sharp(portrait()).raw().toBuffer({ resolveWithObject: true });
  // The top-left corner (background) changed; it is opaque now.
  let changed = 0;
  for (let y = 0; y < 30; y++)
    for (let x = 0; x < 30; x++) {
      const k = (y * 640 + x) * blurred.info.channels;
      const o = (y * 640 + x) * 3;
      if (Math.abs(blurred.data[k]! - original.data[o]!) > 3) changed++;
      if (blurred.info.channels === 4) expect(blurred.data[k + 3]).toBe(255);
    }
  expect(changed).toBeGreaterThan(100);
  const { versions } = await versionsOf(page, 'portrait.jpg');
  expect(versions.map((version) => version.operation)).toEqual([
    'import',
    'device.remove-background',
    'device.blur-background'
  ]);
  expect(foreign).toEqual([]);
});

test('offline: upscale ×2 on the device gives exactly twice the size as a version; the compare view shows it', async ({
  page
}) => {
  test.setTimeout(180_000);
  await openOffline(page, '/upscale');
  const foreign = foreignRequests(page);
  await expect(page.getByTestId('offline-note')).toBeVisible();
  await dropSource(page, 'small.png', await testImage(240, 160));
  await page.getByTestId('device-scale-2').check();
  await expect(page.getByTestId('device-plan')).toContainText('240×160 → 480×320');
  await page.getByTestId('device-run').click();
  await expect(page.getByTestId('device-saved')).toBeVisible({ timeout: 120_000 });
  const { versions, currentVersionId } = await versionsOf(page, 'small.png');
  expect(versions.map((version) => version.operation)).toEqual(['import', 'device.upscale']);
  expect(versions[1]).toMatchObject({ id: currentVersionId, width: 480, height: 320 });
  expect(versions[1]?.params).toMatchObject({ scale: 2, model: 'slim' });
  await expect(page.getByTestId('compare')).toBeVisible();
  expect(foreign).toEqual([]);
});

test('cancelling an on-device upscale stops within a second and saves nothing', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/upscale');
  await dropSource(page, 'big.png', await testImage(1600, 1200));
  await page.getByTestId('device-run').click();
  await expect(page.getByTestId('device-running')).toContainText(/tile [1-9]\d* of \d+/, { timeout: 60_000 });
  // Timed inside the page, from the click to the run's status leaving it (the test runner's own round trips
  // on this loaded machine would otherwise be counted).
  const stoppedMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="device-running"]')) return;
          observer.disconnect();
          resolve(performance.now() - started);
        });
        observer.observe(document.body, { childList: true, subtree: true });
        (document.querySelector('[data-testid="device-cancel"]') as HTMLButtonElement).click();
      })
  );
  expect(stoppedMs).toBeLessThan(1_000);
  await expect(page.getByTestId('device-running')).toBeHidden();
  await page.waitForTimeout(2_000);
  const { versions } = await versionsOf(page, 'big.png');
  expect(versions.map((version) => version.operation)).toEqual(['import']);
  await expect(page.getByTestId('device-saved')).toBeHidden();
});

test('the service worker precaches every on-device model, and Settings lists each with its licence and size', async ({
  page
}) => {
  await openOffline(page, '/settings');
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys())
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  for (const path of [
    '/models/selfie/selfie.json',
    '/models/selfie/selfie.bin',
    '/models/esrgan-slim/x2/group1-shard1of1.bin',
    '/models/esrgan-slim/x4/group1-shard1of1.bin'
  ])
    expect(cached).toContain(path);
  const rows = page.getByTestId('device-model');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Apache-2.0');
  await expect(rows.nth(0)).toContainText('290 KB');
  await expect(rows.nth(1)).toContainText('MIT');
});

test('re-dropping the original after an edit opens the original, not the edit', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/edit');
  await dropSource(page, 'portrait.jpg', portrait());
  await page.getByTestId('device-run').click();
  await expect(page.getByTestId('device-saved')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('source-size')).toContainText('640×483 · PNG');

  await page.goto('/edit');
  await dropSource(page, 'portrait.jpg', portrait());
  await expect(page.getByTestId('source-size')).toContainText('640×483 · JPEG');
  const shown = await imageBytes(page, '[data-testid="source-picker"] img');
  expect(Buffer.from(shown).equals(portrait())).toBe(true);
});
