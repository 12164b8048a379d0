import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import {
  defaultPresetIds,
  platformPresets,
  presetById,
  type PlatformPreset
} from '../../src/lib/core/platforms';
import { readStore } from './fixtures';
import { clearPresets, dropFixtures, pickPreset, unzipExport } from './social-helpers';

const photos = ['faces/sample1.jpg', 'faces/sample2.jpg', 'faces/sample4.jpg'];
const names = photos.map((path) => path.split('/').pop()!);
const preset = (id: string) => presetById(id) as PlatformPreset;
const selectedCount = (page: Page) => page.getByTestId('selected-count');
const shownSources = (page: Page) =>
  page.locator('[data-source]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-source')));

/** Opens a platform's group in the preset picker (a group with nothing selected starts closed). */
async function openGroup(page: Page, platform: string) {
  const group = page
    .locator('.picker details')
    .filter({ has: page.locator('.platform', { hasText: new RegExp(`^${platform}$`) }) });
  if ((await group.getAttribute('open')) === null) await group.locator('summary').click();
}

interface StoredVersion {
  assetId: string;
  parentId: string | null;
  operation: string;
  label?: string;
  params: { preset?: string; width?: number; height?: number };
  width: number;
  height: number;
}

test('3 loaded photos survive a reload; their exports become named versions in the Library, counted per platform', async ({
  page
}) => {
  test.setTimeout(180_000);
  await page.goto('/social');
  await dropFixtures(page, photos);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(3, { timeout: 90_000 });

  await page.reload();
  await expect(page.locator('[data-status="ready"]')).toHaveCount(3, { timeout: 90_000 });
  expect(await shownSources(page)).toEqual(names);

  // All three X sizes by "select all", and one YouTube size: 3 photos × 4 presets.
  await clearPresets(page);
  await openGroup(page, 'X');
  await page.getByRole('button', { name: 'Select all X presets' }).click();
  await pickPreset(page, 'YouTube thumbnail');
  await expect(selectedCount(page)).toHaveText('4 selected');
  const chosen = ['x-post', 'x-post-portrait', 'x-header', 'youtube-thumbnail'].map(preset);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export 12 files as ZIP' }).click();
  const { manifest } = await unzipExport(await downloading);
  expect(manifest).toHaveLength(12);
  await expect(page.getByTestId('export-kept')).toContainText('12 files kept in the Library');

  // Each photo is one asset, still current as loaded; each export a version beside it.
  const assets = await readStore<{ id: string; name: string; currentVersionId: string }>(page, 'assets');
  expect(assets.map((asset) => asset.name).sort()).toEqual([...names].sort());
  const versions = await readStore<StoredVersion & { id: string }>(page, 'versions');
  const exports = versions.filter((version) => version.operation === 'social-export');
  expect(exports).toHaveLength(12);
  for (const asset of assets) {
    const mine = exports.filter((version) => version.assetId === asset.id);
    expect(mine.map((version) => version.params.preset).sort(), asset.name).toEqual(
      chosen.map((one) => one.id).sort()
    );
    for (const version of mine) {
      const made = preset(version.params.preset!);
      expect(version).toMatchObject({
        parentId: asset.currentVersionId,
        label: `${made.label} · ${made.width}×${made.height}`,
        params: { width: made.width, height: made.height },
        width: made.width,
        height: made.height
      });
    }
  }

  await page.goto('/library');
  await expect(page.getByTestId('library-count')).toHaveText(/^3 assets/);
  await page.locator('[data-asset-name="sample2.jpg"]').click();
  const history = page.getByTestId('asset-detail').getByRole('list', { name: 'Version history' });
  await expect(history.locator('[data-operation]')).toHaveCount(5);
  for (const one of chosen) {
    await expect(history).toContainText(`${one.label} · ${one.width}×${one.height}`);
  }
  // The exported file is what the Library keeps: the X header version opens as a 1500×500 image.
  const header = exports.find(
    (version) =>
      version.params.preset === 'x-header' &&
      assets.find((a) => a.id === version.assetId)?.name === 'sample2.jpg'
  )!;
  const kept = await page.evaluate(
    async (id) => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open('image-studio');
        request.onsuccess = () => resolve(request.result);
      });
      const get = <T>(store: string, key: string) =>
        new Promise<T>((resolve) => {
          const request = db.transaction(store).objectStore(store).get(key);
          request.onsuccess = () => resolve(request.result as T);
        });
      const version = await get<{ hash: string }>('versions', id);
      const file = await get<{ blob: Blob }>('files', version.hash);
      return Array.from(new Uint8Array(await file.blob.arrayBuffer()));
    },
    (header as { id: string }).id
  );
  const metadata = await sharp(Uint8Array.from(kept)).metadata();
  expect([metadata.width, metadata.height]).toEqual([1500, 500]);

  await page.getByRole('tab', { name: 'Usage' }).click();
  await expect(page.getByRole('img', { name: /^Exports per platform:/ })).toHaveAttribute(
    'aria-label',
    'Exports per platform: X 9, YouTube 3'
  );

  // "Remove all" empties the optimizer for the next visit too; the photos stay in the Library.
  await page.goto('/social');
  await expect(page.locator('[data-status="ready"]')).toHaveCount(3, { timeout: 90_000 });
  await page.getByRole('button', { name: 'Remove all' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Presets' })).toBeVisible();
  await expect(selectedCount(page)).toHaveText('4 selected');
  await expect(page.locator('[data-source]')).toHaveCount(0);
  await page.goto('/library');
  await expect(page.getByTestId('library-count')).toHaveText(/^3 assets/);
});

test('a first visit selects one size per major platform; select all works per platform and for favourites; the last selection is kept', async ({
  page
}) => {
  await page.goto('/social');
  await expect(selectedCount(page)).toHaveText(`${defaultPresetIds.length} selected`);
  for (const id of defaultPresetIds) {
    await expect(page.getByRole('checkbox', { name: preset(id).label, exact: true })).toBeChecked();
  }

  const instagram = platformPresets.filter((one) => one.platform === 'instagram');
  await page.getByRole('button', { name: 'Select all Instagram presets' }).click();
  await expect(selectedCount(page)).toHaveText(`${defaultPresetIds.length - 1 + instagram.length} selected`);
  for (const one of instagram) {
    await expect(page.getByRole('checkbox', { name: one.label, exact: true })).toBeChecked();
  }
  await page.getByRole('button', { name: 'Unselect all Instagram presets' }).click();
  await expect(selectedCount(page)).toHaveText(`${defaultPresetIds.length - 1} selected`);

  const search = page.getByRole('searchbox', { name: 'Search presets' });
  for (const label of ['X header', 'Pinterest pin (2:3)']) {
    await search.fill(label);
    await page.getByRole('button', { name: `Favourite: ${label}` }).click();
  }
  await search.fill('');
  await page.getByRole('button', { name: 'Select all favourites' }).click();
  await expect(selectedCount(page)).toHaveText(`${defaultPresetIds.length + 1} selected`);
  await expect(page.getByRole('button', { name: 'Unselect all favourites' })).toBeVisible();

  await page.reload();
  await expect(selectedCount(page)).toHaveText(`${defaultPresetIds.length + 1} selected`);
  await expect(
    page.getByRole('checkbox', { name: 'Pinterest pin (2:3)', exact: true }).first()
  ).toBeChecked();

  // An emptied selection is a choice too: it stays empty rather than falling back to the defaults.
  await clearPresets(page);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Presets' })).toBeVisible();
  await expect(page.locator('.picker')).toBeVisible();
  await expect(selectedCount(page)).toHaveText('0 selected');
});

test.describe('on a phone (390×844, touch)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a bar keeps Export one tap away half-way down the page', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/social');
    await dropFixtures(page, ['faces/sample2.jpg']);
    await expect(page.locator('[data-status="ready"]')).toHaveCount(1, { timeout: 90_000 });
    await expect(page.locator('.preview-card')).toHaveCount(defaultPresetIds.length);

    await page.evaluate(() =>
      window.scrollTo(0, (document.documentElement.scrollHeight - window.innerHeight) / 2)
    );
    const bar = page.getByTestId('export-bar');
    await expect(bar).toContainText(`${defaultPresetIds.length} files`);
    const button = bar.getByRole('button', { name: 'Export ZIP' });
    await expect(button).toBeInViewport();
    const box = (await button.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(box.height).toBeGreaterThanOrEqual(44);

    const downloading = page.waitForEvent('download');
    await button.tap();
    const { manifest } = await unzipExport(await downloading);
    expect(manifest.map((entry) => entry.preset).sort()).toEqual([...defaultPresetIds].sort());

    // With the panel itself on screen the bar steps aside.
    await page.getByRole('heading', { name: 'Export', exact: true }).scrollIntoViewIfNeeded();
    await expect(bar).toBeHidden();
  });
});
