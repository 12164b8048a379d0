import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { fixtureBytes, fixturePath } from './fixtures';
import { dropFixtures, clearPresets, pickPreset } from './social-helpers';

// A photo's analysis (decode, face windows, mesh check) took 29 s in CI with two journeys at once: give it room.
const ANALYSED = { timeout: 90_000 };

test('an image pasted from the clipboard is added', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/social');
  await expect(page.getByRole('button', { name: 'Choose files' })).toBeVisible();
  await page.evaluate(
    (base64) => {
      const data = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      // With nothing focused, a real paste is aimed at the body and bubbles to the window.
      document.body.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
      );
    },
    Buffer.from(fixtureBytes('formats/alpha.png')).toString('base64')
  );
  await expect(page.locator('[data-source="image.png"]')).toHaveAttribute('data-status', 'ready', ANALYSED);
});

test('photos dropped anywhere on the page are added once', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/social');
  await dropFixtures(page, ['faces/sample4-small.jpg'], '#presets-title');
  await expect(page.locator('[data-source="sample4-small.jpg"]')).toHaveAttribute(
    'data-status',
    'ready',
    ANALYSED
  );
  await dropFixtures(page, ['faces/sample5.jpg']);
  await expect(page.locator('[data-source]')).toHaveCount(2);
});

test('a picked folder adds every image inside it, and every format gets analysed and previewed', async ({
  page
}) => {
  test.setTimeout(120_000);
  await page.goto('/social');
  await expect(page.getByRole('button', { name: 'Choose a folder' })).toBeVisible();
  await page.locator('input[webkitdirectory]').setInputFiles(fixturePath('formats'));
  const images = readdirSync(fixturePath('formats')).sort();
  await expect(page.locator('[data-source]')).toHaveCount(images.length);
  const names = await page
    .locator('[data-source]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-source')));
  expect(names.sort()).toEqual(images);

  // HEIC and TIFF previews come from magick-wasm, the rest from the browser's decoder: all must show.
  await expect(page.locator('[data-status="ready"]')).toHaveCount(images.length, { timeout: 100_000 });
  const thumbnails = page.locator('[data-source] .thumb img');
  await expect(thumbnails).toHaveCount(images.length);
  const decoded = await thumbnails.evaluateAll((items) =>
    (items as HTMLImageElement[]).map((img) => img.complete && img.naturalWidth > 0)
  );
  expect(decoded).toEqual(images.map(() => true));
});

test('cancelling an export stops it, saves nothing, and the next export works', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/social');
  await dropFixtures(page, ['faces/sample1.jpg', 'faces/sample2.jpg', 'faces/sample6.jpg']);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(3, { timeout: 60_000 });
  await clearPresets(page);
  for (const label of ['Instagram square post', 'Instagram story', 'YouTube channel banner']) {
    await pickPreset(page, label);
  }
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Export 9 files as ZIP' }).click();
  await expect(page.getByTestId('export-progress')).toContainText('/ 9 files');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('export-result')).toHaveText('Export cancelled; nothing was saved.');
  expect(downloads).toBe(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export 9 files as ZIP' }).click();
  await download;
  await expect(page.getByTestId('export-result')).toContainText('9 files in image-studio-social-');
});
