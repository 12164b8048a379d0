import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { fixturePath } from './fixtures';
import { dropSource } from './studio-helpers';

const faces = readdirSync(fixturePath('faces'))
  .filter((name) => name.endsWith('.jpg'))
  .map((name) => fixturePath(`faces/${name}`));
const LIGHTHOUSE = 'a lighthouse at dawn, watercolour';

/** Images unlike the face photos: flat colours and gradients, some carrying a generator's prompt in EXIF. */
async function generatedImages(count: number): Promise<string[]> {
  const dir = join(tmpdir(), `library-e2e-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const colours = ['#1d4ed8', '#dc2626', '#16a34a', '#f59e0b', '#7c3aed', '#0f766e', '#db2777', '#78350f'];
  const paths: string[] = [];
  for (let index = 0; index < count; index++) {
    const width = 320 + index * 90;
    const height = index % 3 === 0 ? width : Math.round(width * 0.6);
    const prompt = index < 3 ? `${LIGHTHOUSE} ${index}` : undefined;
    let image = sharp({
      create: { width, height, channels: 3, background: colours[index % colours.length] ?? '#000' }
    }).composite([
      {
        input: Buffer.from(
          `<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 4}" fill="#fff"/></svg>`
        )
      }
    ]);
    if (prompt) image = image.withExif({ IFD0: { ImageDescription: prompt } });
    const name = prompt ? `lighthouse-${index}.png` : `shape-${index}.${index % 2 ? 'jpg' : 'png'}`;
    const path = join(dir, name);
    writeFileSync(path, await (name.endsWith('png') ? image.png() : image.jpeg()).toBuffer());
    paths.push(path);
  }
  return paths;
}

const count = (page: Page) => page.getByTestId('library-count');
const cells = (page: Page) => page.locator('[data-asset-id]');
const search = (page: Page) => page.getByTestId('library-search');

async function namesShown(page: Page): Promise<string[]> {
  return cells(page).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-asset-name') ?? ''));
}

/** Rows straight from the app's IndexedDB, read in the page: what really is stored, not what the UI shows. */
function storedRows(page: Page, stores: string[]): Promise<Record<string, unknown[]>> {
  return page.evaluate(async (names) => {
    const request = indexedDB.open('image-studio');
    const db = await new Promise<IDBDatabase>(
      (resolve) => (request.onsuccess = () => resolve(request.result))
    );
    const rows: Record<string, unknown[]> = {};
    for (const name of names) {
      rows[name] = await new Promise<unknown[]>((resolve) => {
        const get = db.transaction(name).objectStore(name).getAll();
        get.onsuccess = () => resolve(get.result);
      });
    }
    db.close();
    return rows;
  }, stores);
}

/** A JSON round trip changes key order and drops undefined fields; compare rows by their defined entries. */
const canonical = (rows: unknown[] = []) =>
  rows
    .map((row) =>
      JSON.stringify(
        Object.entries(row as object)
          .filter(([, value]) => value !== undefined)
          .sort(([a], [b]) => a.localeCompare(b))
      )
    )
    .sort();

async function waitForBackground(page: Page) {
  await expect(page.getByTestId('background-progress')).toBeHidden({ timeout: 150_000 });
}

async function filters(page: Page) {
  const details = page.locator('details.filters');
  if (!(await details.getAttribute('open'))) await details.locator('summary').click();
  return details;
}

test('import 20 images: thumbnails and tags appear, search, favourites, collections, reload, delete and undo', async ({
  page
}) => {
  test.setTimeout(240_000);
  const files = [...faces, ...(await generatedImages(20 - faces.length))];
  expect(files).toHaveLength(20);
  await page.goto('/library');
  await page.locator('input[type="file"]').first().setInputFiles(files);
  await expect(count(page)).toContainText('20 assets', { timeout: 60_000 });

  await waitForBackground(page);
  await expect(page.locator('img[data-thumbnail]').first()).toBeVisible();
  expect(await page.locator('img[data-thumbnail]').count()).toBeGreaterThanOrEqual(10);

  await search(page).fill('person');
  await expect(count(page)).toContainText('of 20 assets');
  const people = await namesShown(page);
  expect(people.length).toBeGreaterThanOrEqual(faces.length - 1);
  expect(people.every((name) => name.startsWith('sample'))).toBe(true);

  await search(page).fill('lighthous');
  await expect(count(page)).toContainText('3 of 20 assets');
  expect((await namesShown(page)).sort()).toEqual([
    'lighthouse-0.png',
    'lighthouse-1.png',
    'lighthouse-2.png'
  ]);
  await search(page).fill('');

  // Favourite one from its detail panel.
  await page.locator('[data-asset-name="lighthouse-1.png"]').click();
  const detail = page.getByTestId('asset-detail');
  await expect(detail).toContainText(LIGHTHOUSE);
  await detail.getByRole('button', { name: /Favourite/ }).click();
  await expect(detail.getByRole('button', { name: /Favourite/ })).toHaveAttribute('aria-pressed', 'true');

  // A collection with a shift-click range of three.
  await page.getByRole('tab', { name: 'Organise' }).click();
  await page.getByLabel('New collection name').fill('Launch picks');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.locator('[data-collection="Launch picks"]')).toBeVisible();
  await page.getByRole('tab', { name: 'Assets' }).click();
  await search(page).fill('shape');
  const shapes = await namesShown(page);
  await page.locator(`[data-asset-name="${shapes[0]}"]`).click();
  await page.locator(`[data-asset-name="${shapes[2]}"]`).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('bulk-bar')).toContainText('3 selected');
  await page.getByTestId('bulk-bar').getByLabel('Add to collection').selectOption({ label: 'Launch picks' });
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Done' }).click();
  await search(page).fill('');

  const checkFilters = async () => {
    const panel = await filters(page);
    await panel.getByLabel('Favourites').check();
    await expect(count(page)).toContainText('1 of 20 assets');
    expect(await namesShown(page)).toEqual(['lighthouse-1.png']);
    await panel.getByLabel('Favourites').uncheck();
    await panel.getByLabel('Collection').selectOption({ label: 'Launch picks' });
    await expect(count(page)).toContainText('3 of 20 assets');
    expect((await namesShown(page)).sort()).toEqual(shapes.slice(0, 3).sort());
    await panel.getByRole('button', { name: 'Clear filters' }).click();
    await expect(count(page)).toHaveText(/^20 assets/);
  };
  await checkFilters();

  await page.reload();
  await expect(count(page)).toHaveText(/^20 assets/);
  await checkFilters();
  await search(page).fill('person');
  expect((await namesShown(page)).length).toBe(people.length);
  await search(page).fill('');

  await page.locator('[data-asset-name="sample2.jpg"]').click();
  await page.getByTestId('asset-detail').getByRole('button', { name: 'Delete' }).click();
  await expect(count(page)).toHaveText(/^19 assets/);
  await expect(page.locator('[data-asset-name="sample2.jpg"]')).toHaveCount(0);
  await page.getByTestId('undo-toast').getByRole('button', { name: 'Undo' }).click();
  await expect(count(page)).toHaveText(/^20 assets/);
  await expect(page.locator('[data-asset-name="sample2.jpg"]')).toHaveCount(1);
});

test('export the library as a ZIP, clear site data, import it: assets, tags, collections and versions return', async ({
  page,
  context
}) => {
  test.setTimeout(240_000);
  // A second version, made the way a person makes one: an on-device cut-out in Edit saves it to the Library.
  await page.goto('/edit');
  await dropSource(page, 'sample1.jpg', readFileSync(fixturePath('faces/sample1.jpg')));
  await page.getByTestId('device-tool-cutout').check();
  await page.getByTestId('device-run').click();
  await expect(page.getByTestId('device-saved')).toBeVisible({ timeout: 90_000 });

  await page.goto('/library');
  await expect(count(page)).toHaveText(/^1 asset/);
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles(faces.filter((path) => !path.endsWith('sample1.jpg')).slice(0, 2));
  await expect(count(page)).toHaveText(/^3 assets/);
  await waitForBackground(page);

  await page.locator('[data-asset-name="sample1.jpg"]').click();
  const detail = page.getByTestId('asset-detail');
  await expect(detail.locator('[data-operation]')).toHaveCount(2);
  await detail.getByRole('button', { name: 'Revert to v1' }).click();
  await expect(detail.locator('[data-operation]')).toHaveCount(3);
  await detail.getByLabel('New tag').fill('Hero shot');
  await detail.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(detail.getByRole('list', { name: 'Tags' })).toContainText('hero shot');
  await page.getByRole('tab', { name: 'Organise' }).click();
  await page.getByLabel('New collection name').fill('Keepers');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('tab', { name: 'Assets' }).click();
  await detail.getByLabel('Add to collection').selectOption({ label: 'Keepers' });
  await expect(detail.getByRole('list', { name: 'Collections' })).toContainText('Keepers');
  // The revert made a new version, which the background tagger tags again: snapshot once it is done.
  await expect
    .poll(
      async () =>
        (await storedRows(page, ['assets'])).assets?.every(
          (row) => (row as { taggedAt: unknown }).taggedAt !== null
        ),
      {
        timeout: 60_000
      }
    )
    .toBe(true);
  await waitForBackground(page);

  const stores = ['tags', 'versions', 'collectionItems', 'collections', 'assets'];
  const before = await storedRows(page, stores);

  await page.getByRole('tab', { name: 'Usage' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export library as ZIP' }).click();
  const download = await downloading;
  const zipPath = join(tmpdir(), `library-${process.pid}.zip`);
  await download.saveAs(zipPath);

  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'indexeddb' });
  await page.reload();
  await expect(count(page)).toHaveText(/^0 assets/);

  await page.getByRole('tab', { name: 'Usage' }).click();
  await page.getByTestId('import-zip').setInputFiles(zipPath);
  await expect(page.getByTestId('archive-status')).toContainText('Imported 3 assets');
  await page.getByRole('tab', { name: 'Assets' }).click();
  await expect(count(page)).toHaveText(/^3 assets/);

  const after = await storedRows(page, stores);
  for (const store of stores) expect(canonical(after[store]), store).toEqual(canonical(before[store]));

  await search(page).fill('hero');
  expect(await namesShown(page)).toEqual(['sample1.jpg']);
  await page.locator('[data-asset-name="sample1.jpg"]').click();
  await expect(page.getByTestId('asset-detail').locator('[data-operation]')).toHaveCount(3);
  await expect(page.getByTestId('asset-detail').locator('[data-operation="revert"]')).toHaveCount(1);
  const panel = await filters(page);
  await search(page).fill('');
  await panel.getByLabel('Collection').selectOption({ label: 'Keepers' });
  expect(await namesShown(page)).toEqual(['sample1.jpg']);
  await expect(page.locator('img[data-thumbnail]')).toHaveCount(1);
});

test('filling storage to the quota gives a clear message and leaves no partial asset', async ({
  page,
  context
}) => {
  test.setTimeout(120_000);
  await page.goto('/library');
  await expect(count(page)).toHaveText(/^0 assets/);
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  // Room for about two of the 3 MB images below on top of what the app already uses (its offline cache).
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 7 * 1024 * 1024 });

  const dir = join(tmpdir(), `library-quota-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let index = 0; index < 5; index++) {
    const noise = Buffer.alloc(1000 * 1000 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(Math.random() * 256);
    const path = join(dir, `noise-${index}.png`);
    writeFileSync(
      path,
      await sharp(noise, { raw: { width: 1000, height: 1000, channels: 3 } })
        .png()
        .toBuffer()
    );
    files.push(path);
  }
  await page.locator('input[type="file"]').first().setInputFiles(files);
  const alert = page.getByRole('alert');
  await expect(alert).toHaveAttribute('data-error-code', 'quota_exceeded', { timeout: 60_000 });
  await expect(alert).toContainText('Storage is full');
  await expect(alert).toContainText('was not saved, and nothing of it was kept');

  const stored = await storedRows(page, ['assets', 'versions', 'files']);
  const rows = {
    assets: stored.assets?.length ?? 0,
    versions: stored.versions?.length,
    files: stored.files?.length
  };
  expect(rows.assets).toBeLessThan(files.length);
  expect(rows.versions).toBe(rows.assets);
  expect(rows.files).toBe(rows.assets);
  await expect(count(page)).toHaveText(new RegExp(`^${rows.assets} assets`));
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a long press starts selecting, taps add to it, and the bulk bar acts on all of them', async ({
    page
  }) => {
    await page.goto('/library');
    await page.locator('input[type="file"]').first().setInputFiles(faces.slice(0, 3));
    await expect(count(page)).toHaveText(/^3 assets/);
    const first = page.locator('[data-asset-name="sample1.jpg"]');
    await first.dispatchEvent('pointerdown', { pointerType: 'touch', isPrimary: true });
    await page.waitForTimeout(700);
    await first.dispatchEvent('pointerup', { pointerType: 'touch', isPrimary: true });
    await first.dispatchEvent('click');
    await expect(page.getByTestId('bulk-bar')).toContainText('1 selected');
    await page.locator('[data-asset-name="sample2.jpg"]').tap();
    await expect(page.getByTestId('bulk-bar')).toContainText('2 selected');
    await page.getByTestId('bulk-bar').getByRole('button', { name: '♥ Favourite' }).tap();
    await expect(page.locator('[data-asset-id] [aria-label="Favourite"]')).toHaveCount(2);
  });
});
