import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { fixturePath } from './fixtures';
import { clearPresets, dropFixtures, pickPreset, unzipExport, type ManifestEntry } from './social-helpers';
import { connect, lastUpstreamForm } from './studio-helpers';

const truth = JSON.parse(readFileSync(fixturePath('group/truth.json'), 'utf8')) as {
  images: Record<string, { width: number; height: number; faces: [number, number, number, number][] }>;
};
const group = truth.images['group-14.jpg']!;
const presets = { 'instagram-story': 'Instagram story', 'tiktok-cover': 'TikTok cover / in-feed' };
const card = (page: Page, id: string) => page.locator(`.preview-card[data-preset="${id}"]`);

type Rect = { x: number; y: number; width: number; height: number };
/** A box of the source, where the export put it in the frame. */
const toFrame = ([x, y, width, height]: number[], crop: Rect, placement: Rect): Rect => {
  const sx = placement.width / crop.width;
  const sy = placement.height / crop.height;
  return {
    x: placement.x + (x! - crop.x) * sx,
    y: placement.y + (y! - crop.y) * sy,
    width: width! * sx,
    height: height! * sy
  };
};

interface Raw {
  data: Buffer;
  width: number;
  channels: number;
}
const pixel = (raw: Raw, x: number, y: number) => {
  const at = (y * raw.width + x) * raw.channels;
  return [raw.data[at]!, raw.data[at + 1]!, raw.data[at + 2]!];
};
/** Mean brightness, its spread, and the mean step between neighbouring pixels over a band of rows (and columns). */
function bandStats(raw: Raw, top: number, bottom: number, left = 0, right = raw.width) {
  const values: number[] = [];
  let steps = 0;
  let count = 0;
  for (let y = top; y < bottom; y += 2) {
    for (let x = left; x < right - 1; x += 2) {
      const [r, g, b] = pixel(raw, x, y);
      const [r2, g2, b2] = pixel(raw, x + 1, y);
      values.push((r! + g! + b!) / 3);
      steps += (Math.abs(r! - r2!) + Math.abs(g! - g2!) + Math.abs(b! - b2!)) / 3;
      count++;
    }
  }
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const spread = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
  return { mean, spread, step: steps / count };
}

async function exportAll(
  page: Page
): Promise<{ files: Record<string, Uint8Array>; manifest: ManifestEntry[] }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export 2 files as ZIP/ }).click();
  const exported = await unzipExport(await downloading);
  expect(exported.manifest).toHaveLength(2);
  return exported;
}

/** Every face of the group lies wholly inside the frame, where the manifest says the photo was placed. */
async function expectEveryFaceKept(entry: ManifestEntry, bytes: Uint8Array): Promise<Raw> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  expect({ width: info.width, height: info.height }, entry.preset).toEqual({ width: 1080, height: 1920 });
  expect({ width: entry.width, height: entry.height }).toEqual({ width: 1080, height: 1920 });
  for (const face of group.faces) {
    const box = toFrame(face, entry.crop, entry.placement);
    expect(box.x, `${entry.preset} face ${face.join(',')}`).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1080);
    expect(box.y + box.height).toBeLessThanOrEqual(1920);
  }
  // The whole photo is in the frame: a pad never crops, and no face is cut or left out.
  expect(entry.crop).toEqual({ x: 0, y: 0, width: group.width, height: group.height });
  expect(entry.warnings.filter((code) => code === 'face_cut' || code === 'face_left_out')).toEqual([]);
  return { data, width: info.width, channels: info.channels };
}

test('pad-blur and pad-colour exports of a 14-face group for Instagram story and TikTok keep every face at 1080×1920, with blurred or coloured margins', async ({
  page
}) => {
  test.setTimeout(360_000);
  await page.goto('/social');
  await clearPresets(page);
  for (const label of Object.values(presets)) await pickPreset(page, label);
  await dropFixtures(page, ['group/group-14.jpg']);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(1, { timeout: 240_000 });
  for (const id of Object.keys(presets)) await expect(card(page, id)).toHaveAttribute('data-fit', 'cover');

  // Blur for all: the cards show the padded frame before anything is exported.
  await page.getByRole('radio', { name: 'Pad with blurred photo' }).check();
  for (const id of Object.keys(presets)) {
    await expect(card(page, id)).toHaveAttribute('data-fit', 'pad-blur');
    await expect(card(page, id).locator('svg[data-fit="pad-blur"] filter')).toHaveCount(1);
  }
  const blurred = await exportAll(page);
  const source = await sharp(fixturePath('group/group-14.jpg')).raw().toBuffer({ resolveWithObject: true });
  const sourceStep = bandStats(
    { data: source.data, width: source.info.width, channels: source.info.channels },
    0,
    source.info.height
  ).step;
  for (const entry of blurred.manifest) {
    expect(entry.fit).toBe('pad-blur');
    const placement = entry.placement;
    expect(`${placement.x},${placement.y},${placement.width},${placement.height}`).toBe(
      await card(page, entry.preset).getAttribute('data-placement')
    );
    const raw = await expectEveryFaceKept(entry, blurred.files[entry.file]!);
    expect(placement.y, 'a margin above the photo').toBeGreaterThan(100);
    const margin = bandStats(raw, 0, placement.y - 8);
    const below = bandStats(raw, placement.y + placement.height + 8, 1920);
    const photo = bandStats(
      raw,
      placement.y + 8,
      placement.y + placement.height - 8,
      placement.x + 8,
      placement.x + placement.width - 8
    );
    // Blurred: neighbours barely differ, far less than in the sharp photo; not flat: the picture still shows.
    for (const band of [margin, below]) {
      expect(band.step, `${entry.preset} margin is smooth`).toBeLessThan(Math.min(3, photo.step / 3));
      expect(band.spread, `${entry.preset} margin is a picture, not a flat colour`).toBeGreaterThan(3);
    }
    expect(photo.step).toBeGreaterThan(sourceStep / 3);
  }

  // Colour for TikTok from its own card, then for all; a typed colour wins over the photo's edge colour.
  await card(page, 'tiktok-cover').getByLabel('Fill for TikTok cover / in-feed').selectOption('pad-color');
  await expect(card(page, 'tiktok-cover')).toHaveAttribute('data-fit', 'pad-color');
  await expect(card(page, 'instagram-story')).toHaveAttribute('data-fit', 'pad-blur');
  const edge = await card(page, 'tiktok-cover').getAttribute('data-color');
  expect(edge, 'the automatic colour is the photo’s edge colour').toMatch(/^#[0-9a-f]{6}$/);
  await expect(page.getByRole('button', { name: /Auto \(edge\)/ })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('radio', { name: 'Pad with a colour' }).check();
  await page.getByLabel('Pad colour as hex').fill('#3366cc');
  await page.getByRole('button', { name: 'Use', exact: true }).click();
  for (const id of Object.keys(presets)) {
    await expect(card(page, id)).toHaveAttribute('data-color', '#3366cc');
    await expect(card(page, id).locator('svg[data-fit="pad-color"] rect.pad')).toHaveAttribute(
      'fill',
      '#3366cc'
    );
  }
  const coloured = await exportAll(page);
  for (const entry of coloured.manifest) {
    expect(entry.fit).toBe('pad-color');
    const raw = await expectEveryFaceKept(entry, coloured.files[entry.file]!);
    const { placement } = entry;
    for (const [x, y] of [
      [5, 5],
      [540, Math.floor(placement.y / 2)],
      [1070, placement.y - 10],
      [540, placement.y + placement.height + 10],
      [20, 1900]
    ] as const) {
      const [r, g, b] = pixel(raw, x, y);
      expect(
        Math.abs(r! - 0x33) + Math.abs(g! - 0x66) + Math.abs(b! - 0xcc),
        `${entry.preset} at ${x},${y}`
      ).toBeLessThan(12);
    }
  }

  // The choice is kept on the device: after a reload the photo comes back and pads the same way.
  await page.reload();
  await expect(page.locator('[data-status="ready"]')).toHaveCount(1, { timeout: 240_000 });
  for (const id of Object.keys(presets)) {
    await expect(card(page, id)).toHaveAttribute('data-fit', 'pad-color');
    await expect(card(page, id)).toHaveAttribute('data-color', '#3366cc');
  }
  await expect(page.getByRole('radio', { name: 'Pad with a colour' })).toBeChecked();
});

test('extend with AI is disabled without a token and offline, and says why in words', async ({
  page,
  context
}) => {
  test.setTimeout(240_000);
  await page.goto('/social');
  await clearPresets(page);
  await pickPreset(page, 'Instagram story');
  await dropFixtures(page, ['group/group-14.jpg']);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(1, { timeout: 180_000 });
  const extend = page.getByRole('button', { name: 'Extend with AI…' });
  const why = page.getByTestId('extend-why');
  await expect(extend).toBeDisabled();
  await expect(why).toHaveAttribute('data-reach', 'no-token');
  await expect(why).toContainText('paste your token in Settings → AI proxy');

  // The token saved from another tab: going offline and back makes the page look again.
  const settings = await context.newPage();
  await connect(settings);
  await settings.close();
  await context.setOffline(true);
  await expect(why).toHaveAttribute('data-reach', 'offline');
  await expect(why).toContainText('you are offline');
  await expect(extend).toBeDisabled();
  await context.setOffline(false);
  await expect(why).toHaveAttribute('data-reach', 'ready');
  await expect(why).toContainText('the cost is shown before it runs');
  await expect(extend).toBeEnabled();
});

test('extend with AI shows its cost first, then grows the photo to the story frame through the proxy’s outpaint', async ({
  page
}) => {
  test.setTimeout(300_000);
  await connect(page);
  await page.goto('/social');
  await clearPresets(page);
  await pickPreset(page, 'Instagram story');
  await dropFixtures(page, ['group/group-14.jpg']);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(1, { timeout: 180_000 });
  const story = card(page, 'instagram-story');
  await story.getByLabel('Fill for Instagram story').selectOption('pad-blur');
  const placement = (await story.getAttribute('data-placement'))!.split(',').map(Number) as number[];

  await page.getByRole('button', { name: 'Extend with AI…' }).click();
  const cost = page.getByTestId('extend-cost');
  await expect(cost).toContainText('Extend group-14.jpg to 1 frame (Instagram story): estimated $');
  const price = (await cost.locator('strong').textContent())!;
  expect(price).toMatch(/^\$\d+\.\d+$/);
  await page.getByRole('button', { name: `Extend for ${price}` }).click();
  await expect(page.getByTestId('extend-done')).toContainText('1 extended photo was added', {
    timeout: 60_000
  });

  // The provider was asked to grow the photo by the story's margins, in source pixels.
  const form = await lastUpstreamForm('/v2beta/stable-image/edit/outpaint');
  const scale = placement[2]! / group.width;
  const side = (name: string) => Number(form.get(name) ?? 0);
  const sides = { left: side('left'), right: side('right'), up: side('up'), down: side('down') };
  expect(sides.up).toBe(Math.round(placement[1]! / scale));
  expect(sides.down).toBe(Math.round((1920 - placement[1]! - placement[3]!) / scale));
  expect(sides.left).toBe(Math.round(placement[0]! / scale));

  // The result joins the photos and fills the story frame with nothing cut.
  const extended = page.locator('[data-source="group-14 extended instagram-story.png"]');
  await expect(extended).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  await extended.getByRole('button').first().click();
  await expect(page.getByRole('heading', { name: /Preview: group-14 extended/ })).toBeVisible();
  const width = group.width + sides.left + sides.right;
  const height = group.height + sides.up + sides.down;
  await story.getByLabel('Fill for Instagram story').selectOption('cover');
  const [, , cropWidth, cropHeight] = (await story.getAttribute('data-crop'))!
    .split(',')
    .map(Number) as number[];
  expect(cropWidth! / width).toBeGreaterThan(0.98);
  expect(cropHeight! / height).toBeGreaterThan(0.98);
});
