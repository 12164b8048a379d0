import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { presetById } from '../../src/lib/core/platforms';
import { fixtureBytes, openOffline, waitForServiceWorker } from './fixtures';
import { dropFixtures, exifHasGps, clearPresets, pickPreset, unzipDownload } from './social-helpers';

const photos = ['faces/sample1.jpg', 'faces/sample3-tall-offcentre.jpg', 'formats/with-gps.jpg'];
const presetIds = [
  'instagram-square',
  'instagram-story',
  'facebook-cover',
  'facebook-link',
  'youtube-thumbnail',
  'youtube-banner'
];
const presets = presetIds.map((id) => {
  const preset = presetById(id);
  if (!preset) throw new Error(`no preset ${id}`);
  return preset;
});

test('offline: 3 dropped photos × 6 presets over 3 platforms export as a ZIP of 18 exact, GPS-free files', async ({
  page
}) => {
  test.setTimeout(120_000);
  await openOffline(page, '/social');
  await expect(page.getByRole('heading', { level: 1, name: 'Social Optimizer' })).toBeVisible();

  await dropFixtures(page, photos);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(3, { timeout: 60_000 });

  await clearPresets(page);
  for (const preset of presets) await pickPreset(page, preset.label);
  await expect(page.getByTestId('selected-count')).toHaveText('6 selected');
  await expect(page.locator('.preview-card')).toHaveCount(6);

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export 18 files as ZIP' }).click();
  const download = await downloadPromise;
  await expect(page.getByTestId('export-progress')).toHaveText('18 / 18 files');
  expect(download.suggestedFilename()).toMatch(/^image-studio-social-\d{4}-\d{2}-\d{2}\.zip$/);

  const files = await unzipDownload(download);
  const names = Object.keys(files).sort();
  expect(names).toHaveLength(18);
  // The source with GPS really carries it, so the check below can fail.
  expect(exifHasGps((await sharp(fixtureBytes('formats/with-gps.jpg')).metadata()).exif)).toBe(true);
  for (const photo of photos) {
    const stem = photo
      .split('/')
      .pop()!
      .replace(/\.jpg$/, '');
    for (const preset of presets) {
      const name = names.find((candidate) => candidate.startsWith(`${stem}_${preset.id}_`));
      expect(name, `${stem} × ${preset.id}`).toBe(
        `${stem}_${preset.id}_${preset.width}x${preset.height}.jpg`
      );
      const metadata = await sharp(files[name!]).metadata();
      expect(`${metadata.width}x${metadata.height}`, name).toBe(`${preset.width}x${preset.height}`);
      expect(metadata.format).toBe('jpeg');
      expect(exifHasGps(metadata.exif), name).toBe(false);
      await sharp(files[name!]).raw().toBuffer();
    }
  }
});

test('a batch with corrupt, truncated, empty, non-image and over-100-megapixel files names each problem and still exports the good photo', async ({
  page
}) => {
  test.setTimeout(120_000);
  await page.goto('/social');
  const bad: [string, string][] = [
    ['bad/corrupt.jpg', 'corrupt_image'],
    ['bad/truncated.jpg', 'corrupt_image'],
    ['bad/empty.jpg', 'empty_file'],
    ['bad/text.jpg', 'unsupported_format'],
    ['bad/script.svg', 'unsupported_format'],
    ['bad/bomb-900mp.png', 'too_large'],
    ['bad/huge-header-no-data.png', 'too_large']
  ];
  await dropFixtures(page, ['faces/sample4.jpg', ...bad.map(([path]) => path)]);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.locator('[data-status="failed"]')).toHaveCount(bad.length);
  const messages = new Set<string>();
  for (const [path, code] of bad) {
    const name = path.split('/').pop()!;
    const error = page.locator(`[data-source="${name}"] [data-error-code]`);
    await expect(error, name).toHaveAttribute('data-error-code', code);
    messages.add((await error.textContent()) ?? '');
  }
  // Specific: the seven files do not all get one generic sentence.
  expect(messages.size).toBeGreaterThanOrEqual(5);

  await clearPresets(page);
  await pickPreset(page, 'Instagram square post');
  await pickPreset(page, 'X header');
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export 2 files as ZIP' }).click();
  const files = await unzipDownload(await downloadPromise);
  expect(Object.keys(files).sort()).toEqual([
    'sample4_instagram-square_1080x1080.jpg',
    'sample4_x-header_1500x500.jpg'
  ]);
  await expect(page.getByTestId('skipped-sources')).toContainText('corrupt.jpg');
});

test('the manifest declares a share target, and a shared photo opens in the optimizer', async ({
  page,
  request
}) => {
  await page.goto('/social');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = (await (await request.get(new URL(href!, page.url()).pathname)).json()) as {
    share_target?: {
      action: string;
      method: string;
      enctype: string;
      params: { files: { name: string; accept: string[] }[] };
    };
  };
  expect(manifest.share_target).toMatchObject({
    action: '/social/share',
    method: 'POST',
    enctype: 'multipart/form-data'
  });
  const field = manifest.share_target!.params.files[0]!;
  expect(field.accept).toContain('image/*');

  // What the phone's share sheet does: a multipart POST navigation, answered by the service worker.
  await waitForServiceWorker(page);
  await page.evaluate(
    ({ action, name }) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.enctype = 'multipart/form-data';
      form.action = action;
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.name = name;
      form.append(input);
      document.body.append(form);
    },
    { action: manifest.share_target!.action, name: field.name }
  );
  await page.locator('form[action="/social/share"] input[type="file"]').setInputFiles(
    ['faces/sample2.jpg', 'formats/photo.webp'].map((path) => ({
      name: path.split('/').pop()!,
      mimeType: path.endsWith('.webp') ? 'image/webp' : 'image/jpeg',
      buffer: Buffer.from(fixtureBytes(path))
    }))
  );
  await page.evaluate(() =>
    document.querySelector<HTMLFormElement>('form[action="/social/share"]')!.submit()
  );
  await page.waitForURL(/\/social$/);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.locator('[data-source="sample2.jpg"]')).toBeVisible();
  await expect(page.locator('[data-source="photo.webp"]')).toBeVisible();
});

test('format, quality and the naming template shape the exported files; a bad template blocks export with its reason', async ({
  page
}) => {
  test.setTimeout(90_000);
  await page.goto('/social');
  await dropFixtures(page, ['faces/sample2.jpg']);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(1, { timeout: 60_000 });
  await clearPresets(page);
  await pickPreset(page, 'X header');

  const names = page.getByLabel('File names');
  await names.fill('{preset}-{size}.{ext}');
  await expect(page.locator('#template-help')).toHaveText(/Unknown token \{size\}/);
  const exportButton = page.getByRole('button', { name: 'Export 1 file as ZIP' });
  await expect(exportButton).toBeDisabled();
  await names.fill('{preset}-{name}.{ext}');
  await page.getByLabel('Format').selectOption('webp');
  await page.getByLabel('Automatic quality').uncheck();

  const exportAt = async (quality: number) => {
    await page.getByLabel(/^Quality \d+/).fill(String(quality));
    const download = page.waitForEvent('download');
    await exportButton.click();
    return unzipDownload(await download);
  };
  const low = await exportAt(30);
  const high = await exportAt(95);
  expect(Object.keys(low)).toEqual(['x-header-sample2.webp']);
  const [lowBytes, highBytes] = [low['x-header-sample2.webp']!, high['x-header-sample2.webp']!];
  const metadata = await sharp(lowBytes).metadata();
  expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', 1500, 500]);
  expect(lowBytes.byteLength).toBeLessThan(highBytes.byteLength);
});

test('with more workers than photos, one photo’s presets are spread over the workers and still come out exact', async ({
  page
}) => {
  test.setTimeout(120_000);
  // The pool sizes itself from the core count; pretend to have 4 so it starts 3 workers.
  await page.addInitScript(() => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 4 }));
  await page.goto('/social');
  await dropFixtures(page, ['faces/sample3.jpg']);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(1, { timeout: 90_000 });
  const chosen = presets.slice(0, 4);
  await clearPresets(page);
  for (const preset of chosen) await pickPreset(page, preset.label);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export 4 files as ZIP' }).click();
  const files = await unzipDownload(await download);
  expect(Object.keys(files).sort()).toEqual(
    chosen.map((preset) => `sample3_${preset.id}_${preset.width}x${preset.height}.jpg`).sort()
  );
  for (const preset of chosen) {
    const metadata = await sharp(
      files[`sample3_${preset.id}_${preset.width}x${preset.height}.jpg`]!
    ).metadata();
    expect(`${metadata.width}x${metadata.height}`).toBe(`${preset.width}x${preset.height}`);
  }
});
