import { expect, test } from '@playwright/test';
import { readHeaderSize } from '../../src/lib/core/image/header';
import { fixturePath, imageBytes } from './fixtures';

test('a 0-byte file and a text file named .jpg each get a specific error; the panel keeps working', async ({
  page
}) => {
  await page.goto('/');
  const input = page.locator('input[type="file"]');
  const alert = page.getByRole('alert');

  await input.setInputFiles(fixturePath('bad/empty.jpg'));
  await expect(alert).toContainText('Could not process empty.jpg');
  await expect(alert).toContainText('The file is empty (0 bytes).');
  await expect(alert).toHaveAttribute('data-error-code', 'empty_file');

  await input.setInputFiles(fixturePath('bad/text.jpg'));
  await expect(alert).toContainText('Could not process text.jpg');
  await expect(alert).toContainText('not an image we can read');
  await expect(alert).toHaveAttribute('data-error-code', 'unsupported_format');

  await input.setInputFiles(fixturePath('formats/photo.webp'));
  await expect(alert).toBeHidden();
  await expect(page.getByTestId('probe-format')).toHaveText('WEBP');
  await expect(page.getByTestId('output-size')).toHaveText('200×200');
});

test.describe('damaged and oversized images', () => {
  for (const [file, code, text] of [
    ['bad/truncated.jpg', 'corrupt_image', 'damaged'],
    ['bad/bomb-900mp.png', 'too_large', '30,000×30,000'],
    ['bad/script.svg', 'unsupported_format', 'SVG']
  ] as const) {
    test(`${file} → ${code}`, async ({ page }) => {
      await page.goto('/');
      await page.locator('input[type="file"]').setInputFiles(fixturePath(file));
      const alert = page.getByRole('alert');
      await expect(alert).toHaveAttribute('data-error-code', code);
      await expect(alert).toContainText(text);
    });
  }
});

test('options change the output: 320×180 WebP with contain, read back from the bytes', async ({ page }) => {
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles(fixturePath('faces/sample3-tall-offcentre.jpg'));
  await expect(page.getByTestId('output-size')).toHaveText('200×200');
  await page.getByLabel('Width (px)').fill('320');
  await page.getByLabel('Height (px)').fill('180');
  await page.getByLabel('Fit').selectOption('contain');
  await page.getByLabel('Format').selectOption('webp');
  await page.getByRole('button', { name: 'Resize', exact: true }).click();
  await expect(page.getByTestId('output-size')).toHaveText('320×180');
  const bytes = await imageBytes(page, '[data-testid="resize-output"]');
  expect(String.fromCharCode(...bytes.subarray(8, 12))).toBe('WEBP');
  expect(readHeaderSize(bytes)).toEqual({ width: 320, height: 180 });
});

test('the page stays responsive while the worker resizes', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.locator('input[type="file"]').setInputFiles(fixturePath('faces/sample6.jpg'));
  await expect(page.getByTestId('output-size')).toHaveText('200×200');
  const longest = await page.evaluate(() =>
    Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks)
  );
  expect(longest).toBeLessThan(250);
});
