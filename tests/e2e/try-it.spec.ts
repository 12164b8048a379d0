import { expect, test, type Page } from '@playwright/test';
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

/** The main thread's long tasks (≥ 50 ms, as Chromium reports them), recorded from when this is installed. */
async function watchLongTasks(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as LongTaskLog;
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }).observe({ type: 'longtask' });
  });
}

interface LongTaskLog {
  longTasks: { start: number; end: number }[];
  outputAt?: number;
}

/**
 * Runs `act` and waits for the panel to show `size`; returns how long the resize took by the panel's own clock and
 * the most main-thread time any one task took during it. Comparing the two, not an absolute limit, keeps the check
 * independent of how loaded the machine is: a busy machine slows the resize and the main thread alike.
 */
async function resizeWindow(page: Page, size: string, act: () => Promise<void>) {
  await page.evaluate((expected) => {
    const w = window as unknown as LongTaskLog;
    w.outputAt = undefined;
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="output-size"]')?.textContent !== expected) return;
      w.outputAt = performance.now();
      observer.disconnect();
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, size);
  await act();
  await expect(page.getByTestId('output-size')).toHaveText(size);
  const line = await page.getByTestId('output-size').locator('..').textContent();
  const resizeMs = Number(/(\d+) ms/.exec(line ?? '')?.[1]);
  // A long task is reported once it has ended: let the task that showed the output finish and be observed.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 200))));
  const busiestMs = await page.evaluate((resizeMs) => {
    const { longTasks, outputAt = 0 } = window as unknown as LongTaskLog;
    const from = outputAt - resizeMs;
    return Math.max(0, ...longTasks.map((task) => Math.min(task.end, outputAt) - Math.max(task.start, from)));
  }, resizeMs);
  return { resizeMs, busiestMs };
}

test('the worker, not the main thread, does the resize: the page keeps answering while it runs', async ({
  page
}) => {
  await page.goto('/');
  await watchLongTasks(page);

  // The instrument sees a blocked main thread: a 120 ms busy loop in a page task (not in the test's own evaluate,
  // which Chromium does not report) comes back as a task at least that long.
  await page.evaluate(
    () =>
      new Promise<void>((done) =>
        setTimeout(() => {
          const until = performance.now() + 120;
          while (performance.now() < until);
          done();
        })
      )
  );
  await page.evaluate(() => new Promise((done) => setTimeout(done, 100)));
  const calibration = await page.evaluate(() =>
    Math.max(0, ...(window as unknown as LongTaskLog).longTasks.map((task) => task.end - task.start))
  );
  expect(calibration).toBeGreaterThanOrEqual(120);

  // From the file being chosen (worker started, magick-wasm loaded, probe, resize) the main thread stays free...
  const cold = await resizeWindow(page, '200×200', () =>
    page.locator('input[type="file"]').setInputFiles(fixturePath('faces/sample6.jpg'))
  );
  expect(cold.resizeMs).toBeGreaterThan(0);
  expect(cold.busiestMs, JSON.stringify(cold)).toBeLessThan(cold.resizeMs / 2);

  // ...and on a warm worker, where the resize is all the work there is: were it done on the main thread, one task
  // would span nearly all of it.
  await page.getByLabel('Width (px)').fill('1600');
  await page.getByLabel('Height (px)').fill('1280');
  const warm = await resizeWindow(page, '1600×1280', () =>
    page.getByRole('button', { name: 'Resize', exact: true }).click()
  );
  expect(warm.busiestMs, JSON.stringify(warm)).toBeLessThan(warm.resizeMs / 2);
});
