import { expect, test, type Page } from '@playwright/test';
import { connect, dropSource, testImage } from './studio-helpers';

/** Rows of one IndexedDB store, read as the app stores them. */
function rows<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('image-studio');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return all as never;
  }, store);
}

interface Asset {
  id: string;
  name: string;
  source: string;
  mime: string;
  width: number;
  height: number;
  currentVersionId: string;
}

test('image → video survives a reload mid-job: the job is resumed and the MP4 lands in the library with its parameters', async ({
  page
}) => {
  await connect(page);
  await page.goto('/transform');
  await dropSource(page, 'harbour.png', await testImage(1280, 720, '#0f766e'));
  await expect(page.getByTestId('kind')).toHaveValue('transform.image-to-video');
  await page.getByTestId('prompt').fill('Boats rocking in the harbour');
  await page.getByTestId('motion').selectOption('push-in');
  await page.getByTestId('duration').selectOption('10');
  await page.getByTestId('resolution').selectOption('720p');
  const run = page.getByTestId('run');
  await expect(run).toHaveText(/Image → video · \$/);
  await run.click();

  // The proxy answers 202 with a job id: it is in IndexedDB before the provider is done.
  await expect.poll(async () => (await rows(page, 'studioJobs')).length, { timeout: 15_000 }).toBe(1);
  await page.reload();
  await expect(page.getByTestId('job')).toContainText('Resumed after a reload');
  await expect(page.locator('[data-testid="job"][data-state="saved"]')).toBeVisible({ timeout: 40_000 });

  expect(await rows(page, 'studioJobs')).toEqual([]);
  const assets = await rows<Asset>(page, 'assets');
  const source = assets.find((asset) => asset.name === 'harbour.png');
  const video = assets.find((asset) => asset.source === 'transform');
  expect(video).toMatchObject({ mime: 'video/mp4', width: 1280, height: 720, name: 'harbour.png · video' });
  const versions = await rows<{ id: string; operation: string; params: Record<string, unknown> }>(
    page,
    'versions'
  );
  const made = versions.find((version) => version.id === video?.currentVersionId);
  expect(made?.operation).toBe('transform.image-to-video');
  expect(made?.params).toMatchObject({
    provider: 'wavespeed',
    model: 'wan-2.5',
    durationSeconds: 10,
    resolution: '720p',
    sourceAssetId: source?.id,
    prompt: 'Boats rocking in the harbour. Camera: slow camera push in towards the subject.'
  });
  await expect(page.getByTestId('download')).toHaveAttribute('download', 'video.mp4');
});

test('image → 3D saves a GLB from Stable Fast 3D and offers it for download', async ({ page }) => {
  await connect(page);
  await page.goto('/transform');
  await dropSource(page, 'chair.png', await testImage(512, 512, '#b45309'));
  await page.getByTestId('kind').selectOption('transform.image-to-3d');
  await page.getByTestId('run').click();
  await expect(page.locator('[data-testid="job"][data-state="saved"]')).toBeVisible({ timeout: 30_000 });
  const model = (await rows<Asset>(page, 'assets')).find((asset) => asset.source === 'transform');
  expect(model).toMatchObject({ mime: 'model/gltf-binary', name: 'chair.png · 3D model' });
  await expect(page.getByTestId('download')).toHaveAttribute('download', 'model.glb');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the Transform Studio fits the screen and its controls take taps', async ({ page }) => {
    await connect(page);
    await page.goto('/transform');
    await dropSource(page, 'phone-video.png', await testImage(720, 1280));
    await page.getByTestId('prompt').tap();
    await page.getByTestId('prompt').fill('Hair moving in the wind');
    await expect(page.getByTestId('run')).toBeEnabled();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
