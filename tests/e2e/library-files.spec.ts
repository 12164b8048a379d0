import { expect, test, type Download, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { fixturePath, readStore } from './fixtures';

interface StoredAsset {
  id: string;
  name: string;
  currentVersionId: string;
  taggedAt: number | null;
}

const count = (page: Page) => page.getByTestId('library-count');

async function importIntoLibrary(page: Page, paths: string[]): Promise<void> {
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles(paths.map((path) => fixturePath(path)));
}

const bytesOf = async (download: Download) => readFile((await download.path()) ?? '');

/** What a downloaded file really is: its decoded format and size, not what its name says. */
async function decoded(bytes: Buffer) {
  const { format, width, height } = await sharp(bytes).metadata();
  return { format, width, height };
}

async function tagsOf(page: Page, assetId: string): Promise<string[]> {
  const rows = await readStore<{ assetId: string; tag: string }>(page, 'tags');
  return rows
    .filter((row) => row.assetId === assetId)
    .map((row) => row.tag)
    .sort();
}

test('the bad fixtures are refused one line each with their reasons; 30 s later nothing shows "Tagging…"', async ({
  page
}) => {
  test.setTimeout(120_000);
  await page.goto('/library');
  await importIntoLibrary(page, [
    'bad/empty.jpg',
    'bad/text.jpg',
    'bad/truncated.jpg',
    'bad/huge-header-no-data.png',
    'bad/bomb-900mp.png'
  ]);
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('5 files were not imported');
  const lines = (await notice.locator('.message').innerText()).split('\n');
  expect(lines).toEqual([
    'empty.jpg: The file is empty (0 bytes).',
    'text.jpg: This file is not an image we can read. Supported: JPEG, PNG, WebP, AVIF, GIF, TIFF, BMP, HEIC and JPEG XL.',
    'truncated.jpg: This JPEG file is cut short (truncated) and cannot be decoded.',
    expect.stringMatching(/^huge-header-no-data\.png: The image is 100,000×100,000 pixels/),
    expect.stringMatching(/^bomb-900mp\.png: The image is 30,000×30,000 pixels/)
  ]);
  await expect(count(page)).toContainText('0 assets');
  await page.waitForTimeout(30_000);
  expect(await readStore(page, 'assets')).toEqual([]);
  await expect(page.getByText('Tagging…')).toHaveCount(0);
});

test('a broken file an older build kept shows why on the next visit, instead of "Tagging…" forever', async ({
  page
}) => {
  test.setTimeout(120_000);
  await page.goto('/library');
  await expect(count(page)).toContainText('0 assets');
  const truncated = [...(await readFile(fixturePath('bad/truncated.jpg')))];
  // Written straight into the tables, as the library kept it before it checked what it imports.
  await page.evaluate(async (bytes) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('image-studio');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const blob = new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });
    const now = Date.now();
    const facts = { mime: 'image/jpeg', width: 1920, height: 1280, bytes: bytes.length, hash: 'legacy' };
    const write = db.transaction(['files', 'versions', 'assets'], 'readwrite');
    write.objectStore('files').put({ hash: 'legacy', blob });
    write.objectStore('versions').put({
      ...facts,
      id: 'v-legacy',
      assetId: 'legacy',
      parentId: null,
      operation: 'import',
      params: {},
      createdAt: now
    });
    write.objectStore('assets').put({
      ...facts,
      id: 'legacy',
      name: 'truncated.jpg',
      currentVersionId: 'v-legacy',
      source: 'import',
      faceCount: null,
      taggedAt: null,
      createdAt: now,
      updatedAt: now
    });
    await new Promise((resolve) => (write.oncomplete = resolve));
    db.close();
  }, truncated);

  await page.reload();
  await expect(count(page)).toContainText('1 assets');
  const cell = page.locator('[data-asset-name="truncated.jpg"]');
  await expect(cell.getByRole('img', { name: /cut short/ })).toBeVisible({ timeout: 30_000 });
  await cell.click();
  await expect(page.getByTestId('asset-problem')).toHaveText(
    'Not tagged: This JPEG file is cut short (truncated) and cannot be decoded.'
  );
  await expect(page.getByText('Tagging…')).toHaveCount(0);
});

test('"Web copy" downloads a named WebP and leaves the current version and its tags as they were', async ({
  page
}) => {
  test.setTimeout(120_000);
  await page.goto('/library');
  await importIntoLibrary(page, ['formats/with-gps.jpg']);
  await expect(count(page)).toContainText('1 assets');
  await expect
    .poll(async () => (await readStore<StoredAsset>(page, 'assets'))[0]?.taggedAt ?? null, {
      timeout: 90_000
    })
    .not.toBeNull();
  const [before] = await readStore<StoredAsset>(page, 'assets');
  if (!before) throw new Error('the import left no asset');
  const tagsBefore = await tagsOf(page, before.id);
  expect(tagsBefore).toContain('testcam');

  await page.locator('[data-asset-name="with-gps.jpg"]').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Web copy (WebP)' }).click()
  ]);
  const name = download.suggestedFilename();
  const [, width, height] = name.match(/^with-gps_web_(\d+)x(\d+)\.webp$/) ?? [];
  expect(name).toMatch(/^with-gps_web_\d+x\d+\.webp$/);
  expect(await decoded(await bytesOf(download))).toEqual({
    format: 'webp',
    width: Number(width),
    height: Number(height)
  });

  const [after] = await readStore<StoredAsset>(page, 'assets');
  expect(after?.currentVersionId).toBe(before.currentVersionId);
  expect(await readStore(page, 'versions')).toHaveLength(1);
  expect(await tagsOf(page, before.id)).toEqual(tagsBefore);
});

const presets = { 'instagram-story': [1080, 1920], 'youtube-thumbnail': [1280, 720] } as const;

test('a batch card downloads every output in one ZIP, and the Library names a batch output by preset and size', async ({
  page
}) => {
  test.setTimeout(180_000);
  await page.goto('/batch');
  await page
    .getByTestId('local-input')
    .setInputFiles([fixturePath('faces/sample1.jpg'), fixturePath('faces/sample2.jpg')]);
  for (const id of Object.keys(presets)) await page.getByTestId(`preset-${id}`).check();
  await page.getByTestId('queue-local').click();
  const batch = page.getByTestId('batch').filter({ hasText: '2 photos × 2 sizes' });
  await expect(batch).toHaveAttribute('data-status', 'done', { timeout: 150_000 });

  const [zip] = await Promise.all([page.waitForEvent('download'), batch.getByTestId('download-all').click()]);
  expect(zip.suggestedFilename()).toMatch(/^image-studio-batch-.*\.zip$/);
  const entries = unzipSync(new Uint8Array(await bytesOf(zip)));
  const expected = ['sample1', 'sample2'].flatMap((photo) =>
    Object.entries(presets).map(([preset, [w, h]]) => `${photo}_${preset}_${w}x${h}.jpg`)
  );
  expect(Object.keys(entries).sort()).toEqual(expected.sort());
  for (const [name, bytes] of Object.entries(entries)) {
    const [, w, h] = name.match(/_(\d+)x(\d+)\.jpg$/) ?? [];
    expect(await decoded(Buffer.from(bytes))).toEqual({
      format: 'jpeg',
      width: Number(w),
      height: Number(h)
    });
  }

  await page.goto('/library');
  await page.getByTestId('library-search').fill('youtube-thumbnail');
  await page.locator('[data-asset-name="sample1.jpg · youtube-thumbnail"]').click();
  const [single] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download', exact: true }).click()
  ]);
  expect(single.suggestedFilename()).toBe('sample1_youtube-thumbnail_1280x720.jpg');
});

test('Batch lists the empty and the text file it refuses at pick time, queues only the photo, offers no Retry', async ({
  page
}) => {
  test.setTimeout(120_000);
  await page.goto('/batch');
  const input = page.getByTestId('local-input');
  await input.setInputFiles(
    ['bad/empty.jpg', 'bad/text.jpg', 'faces/sample3.jpg'].map((p) => fixturePath(p))
  );
  const refused = page.getByTestId('refused-file');
  await expect(refused).toHaveText([
    'empty.jpg: The file is empty (0 bytes).',
    /^text\.jpg: This file is not an image we can read/
  ]);
  await page.getByTestId('preset-instagram-square').check();
  await expect(page.getByTestId('queue-local')).toHaveText('Start 1 photo × 1 size');
  await page.getByTestId('queue-local').click();

  const batch = page.getByTestId('batch').filter({ hasText: '1 photo × 1 size' });
  await expect(batch).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(batch).toHaveAttribute('data-total', '1');
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  // After the run the picker and the button agree: nothing picked, nothing to start.
  expect(await input.evaluate((node: HTMLInputElement) => node.files?.length ?? 0)).toBe(0);
  await expect(page.getByTestId('queue-local')).toHaveText('Start 0 photos × 1 size');
  await expect(refused).toHaveCount(0);
});
