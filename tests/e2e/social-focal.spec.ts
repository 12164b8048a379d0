import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { fixturePath } from './fixtures';
import { dropFixtures, clearPresets, pickPreset, unzipExport } from './social-helpers';

const presets = {
  'x-header': 'X header',
  'facebook-cover': 'Facebook page cover',
  'youtube-thumbnail': 'YouTube thumbnail'
};
const truth = JSON.parse(readFileSync(fixturePath('portrait/truth.json'), 'utf8')) as {
  images: Record<string, { faces: [number, number, number, number][] }>;
};
const [fx, fy, fw, fh] = truth.images['one-face.jpg']!.faces[0]!;

type Rect = { x: number; y: number; width: number; height: number };
const card = (page: Page, id: string) => page.locator(`.preview-card[data-preset="${id}"]`);
async function cropOf(page: Page, id: string): Promise<Rect> {
  const [x, y, width, height] = (await card(page, id).getAttribute('data-crop'))!
    .split(',')
    .map(Number) as number[];
  return { x: x!, y: y!, width: width!, height: height! };
}
const holdsFace = (crop: Rect) =>
  crop.x <= fx + 0.5 &&
  crop.y <= fy + 0.5 &&
  crop.x + crop.width >= fx + fw - 0.5 &&
  crop.y + crop.height >= fy + fh - 0.5;

async function expectFaceInEveryCrop(page: Page): Promise<Record<string, Rect>> {
  const crops: Record<string, Rect> = {};
  for (const id of Object.keys(presets)) {
    crops[id] = await cropOf(page, id);
    expect(holdsFace(crops[id]), `${id} ${JSON.stringify(crops[id])} keeps the face`).toBe(true);
  }
  return crops;
}

test('a pinned focal point, nudged by key and dragged onto the face, keeps the face in every crop, and the files are cut as previewed', async ({
  page
}) => {
  test.setTimeout(480_000);
  await page.goto('/social');
  await clearPresets(page);
  for (const label of Object.values(presets)) await pickPreset(page, label);
  await dropFixtures(page, ['portrait/one-face.jpg']);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(1, { timeout: 240_000 });
  await expectFaceInEveryCrop(page);

  // Focal point by keyboard, from the YouTube editor: one step down.
  await card(page, 'youtube-thumbnail').getByRole('button').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('the focal point').check();
  const stage = dialog.getByRole('application');
  await stage.focus();
  const before = await stage.getAttribute('data-focal');
  await page.keyboard.press('ArrowDown');
  await expect(stage).not.toHaveAttribute('data-focal', before!);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expectFaceInEveryCrop(page);

  // Then the focal dot dragged onto the face.
  await card(page, 'youtube-thumbnail').getByRole('button').click();
  const canvas = dialog.locator('.canvas-container');
  await expect(canvas).toBeVisible();
  const box = (await canvas.boundingBox())!;
  const scale = box.width / 800;
  const [px, py] = (await stage.getAttribute('data-focal'))!.split(',').map(Number) as [number, number];
  const target = { x: fx + fw / 2, y: fy + fh / 2 };
  await page.mouse.move(box.x + px * scale, box.y + py * scale);
  await page.mouse.down();
  await page.mouse.move(box.x + ((px + target.x) / 2) * scale, box.y + ((py + target.y) / 2) * scale, {
    steps: 5
  });
  await page.mouse.move(box.x + target.x * scale, box.y + target.y * scale, { steps: 5 });
  await page.mouse.up();
  await expect
    .poll(async () => {
      const [x, y] = (await stage.getAttribute('data-focal'))!.split(',').map(Number) as [number, number];
      return Math.hypot(x - target.x, y - target.y);
    })
    .toBeLessThan(12);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const previewed = await expectFaceInEveryCrop(page);
  for (const id of Object.keys(presets)) await expect(card(page, id)).not.toContainText('your crop');

  // Export: what the workers cut (manifest) is what the cards show, and the files have the preset sizes.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export 3 files as ZIP/ }).click();
  const { files, manifest } = await unzipExport(await downloading);
  expect(manifest).toHaveLength(3);
  for (const entry of manifest) {
    expect(entry.crop, entry.preset).toEqual(previewed[entry.preset]);
    expect(holdsFace(entry.crop)).toBe(true);
    expect(entry.strategy).toBe('focal');
    const meta = await sharp(files[entry.file]!).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: entry.width, height: entry.height });
  }
});
