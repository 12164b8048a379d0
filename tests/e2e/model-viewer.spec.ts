import { expect, test, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { cubeGlb } from '../../proxy/testing/fakes/glb';
import { openOffline } from './fixtures';
import { connect, dropSource, testImage } from './studio-helpers';

/** The viewer's canvas as RGB pixels, taken from a screenshot of the element (what a person sees). */
async function pixelsOf(canvas: Locator) {
  const { data, info } = await sharp(await canvas.screenshot())
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, pixels: info.width * info.height };
}

/**
 * Vivid hues in the picture, in 30° bins, each covering at least 1 % of it. The page behind the viewer is grey,
 * so an empty or failed canvas has none; the cube's coloured faces give one per visible face.
 */
async function huesOf(canvas: Locator): Promise<number> {
  const { data, pixels } = await pixelsOf(canvas);
  const bins = new Map<number, number>();
  for (let i = 0; i < data.length; i += 3) {
    const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
    const max = Math.max(r, g, b);
    const chroma = max - Math.min(r, g, b);
    if (chroma < 60) continue;
    const hue =
      max === r ? ((g - b) / chroma + 6) % 6 : max === g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
    const bin = Math.floor(hue * 2) % 12;
    bins.set(bin, (bins.get(bin) ?? 0) + 1);
  }
  return [...bins.values()].filter((count) => count >= pixels * 0.01).length;
}

/** Share of pixels that differ noticeably between two pictures of the same element. */
async function changed(before: Awaited<ReturnType<typeof pixelsOf>>, canvas: Locator): Promise<number> {
  const after = await pixelsOf(canvas);
  let different = 0;
  for (let i = 0; i < before.data.length; i += 3) {
    const delta =
      Math.abs(before.data[i]! - (after.data[i] ?? 0)) +
      Math.abs(before.data[i + 1]! - (after.data[i + 1] ?? 0)) +
      Math.abs(before.data[i + 2]! - (after.data[i + 2] ?? 0));
    if (delta > 48) different++;
  }
  return different / before.pixels;
}

async function makeModel(page: Page) {
  await connect(page);
  await page.goto('/transform');
  await dropSource(page, 'vase.png', await testImage(512, 512, '#0369a1'));
  await page.getByTestId('kind').selectOption('transform.image-to-3d');
  await page.getByTestId('run').click();
  const viewer = page.getByTestId('model-viewer');
  await expect(viewer).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  return viewer;
}

test('the GLB from image → 3D renders in the page, and dragging, keys and buttons turn and zoom it', async ({
  page
}) => {
  const remote: string[] = [];
  page.on('request', (request) => {
    const { hostname } = new URL(request.url());
    if (!['localhost', '127.0.0.1'].includes(hostname) && !request.url().startsWith('blob:'))
      remote.push(request.url());
  });
  const viewer = await makeModel(page);
  const canvas = viewer.locator('canvas');
  // The cube's coloured faces over the grey background: not one flat fill.
  expect(await huesOf(canvas)).toBeGreaterThanOrEqual(2);

  const box = await canvas.boundingBox();
  if (!box) throw new Error('the viewer has no box');
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  let before = await pixelsOf(canvas);
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  await page.mouse.move(centre.x + 160, centre.y + 40, { steps: 8 });
  await page.mouse.up();
  expect(await changed(before, canvas)).toBeGreaterThan(0.02);

  // Keyboard: the stage takes focus with Tab-order semantics and turns on the arrow keys.
  const stage = viewer.getByRole('application');
  await stage.focus();
  before = await pixelsOf(canvas);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  expect(await changed(before, canvas)).toBeGreaterThan(0.02);

  before = await pixelsOf(canvas);
  await viewer.getByRole('button', { name: 'Zoom in' }).click();
  expect(await changed(before, canvas)).toBeGreaterThan(0.02);
  await viewer.getByRole('button', { name: 'Reset view' }).click();

  await expect(page.getByTestId('download')).toHaveAttribute('download', 'model.glb');
  expect(remote).toEqual([]);
});

/** A GLB container whose JSON chunk holds `json` (any text), with a correct header. */
function glbWithJson(json: string): Buffer {
  const text = Buffer.from(json.padEnd(Math.ceil(json.length / 4) * 4, ' '));
  const header = Buffer.alloc(20);
  header.write('glTF', 0, 'ascii');
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(20 + text.length, 8);
  header.writeUInt32LE(text.length, 12);
  header.write('JSON', 16, 'ascii');
  return Buffer.concat([header, text]);
}

test('GLB files opened from the Asset Library render offline, and corrupt ones show why instead of a viewer', async ({
  page
}) => {
  // Offline from the first model on: the 3D code must come from the service worker's precache.
  await openOffline(page, '/library');
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles([
      { name: 'cube.glb', mimeType: 'model/gltf-binary', buffer: Buffer.from(cubeGlb()) },
      // The magic and a header promising 4 KB, then nothing.
      {
        name: 'cut-short.glb',
        mimeType: 'model/gltf-binary',
        buffer: Buffer.concat([Buffer.from('glTF'), Buffer.from([2, 0, 0, 0, 0, 16, 0, 0]), Buffer.alloc(64)])
      },
      // A sound container whose scene points at a mesh that does not exist: three.js itself refuses it.
      {
        name: 'dangling.glb',
        mimeType: 'model/gltf-binary',
        buffer: glbWithJson(
          JSON.stringify({ asset: { version: '2.0' }, scenes: [{ nodes: [0] }], nodes: [{ mesh: 3 }] })
        )
      }
    ]);
  await expect(page.getByTestId('library-count')).toContainText('3 assets', { timeout: 30_000 });

  const open = async (name: string) => {
    await page.locator(`[data-asset-name="${name}"]`).click();
    const detail = page.getByTestId('asset-detail');
    await expect(detail).toContainText(name);
    return detail.getByTestId('model-viewer');
  };

  const cube = await open('cube.glb');
  await expect(cube).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  expect(await huesOf(cube.locator('canvas'))).toBeGreaterThanOrEqual(2);
  // A model has no pixel size, thumbnail or tagging: the library says what it is instead of waiting forever.
  const detail = page.getByTestId('asset-detail');
  await expect(detail).toContainText('3D model (GLB)');
  await expect(detail).not.toContainText('0×0');
  await expect(detail.getByRole('button', { name: 'Web copy (WebP)' })).toHaveCount(0);
  await expect(detail.getByRole('heading', { name: 'Open in' })).toHaveCount(0);
  await expect(detail.getByRole('list', { name: 'Tags' })).toContainText('No tags');
  const cell = page.locator('[data-asset-name="cube.glb"]');
  await expect(cell.getByRole('img', { name: 'cube.glb: 3D model (GLB)' })).toBeVisible();
  await expect(cell.getByLabel('Thumbnail being made')).toHaveCount(0);

  const cut = await open('cut-short.glb');
  await expect(cut).toHaveAttribute('data-state', 'failed');
  await expect(cut.getByRole('alert')).toContainText('This 3D model is cut short');
  await expect(cut.locator('canvas')).toBeHidden();

  const dangling = await open('dangling.glb');
  await expect(dangling).toHaveAttribute('data-state', 'failed');
  await expect(dangling.getByRole('alert')).toContainText('This 3D model cannot be read');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a one-finger swipe turns the model, and the viewer fits the screen', async ({ page }) => {
    const viewer = await makeModel(page);
    const canvas = viewer.locator('canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the viewer has no box');
    expect(box.width).toBeLessThanOrEqual(390);
    const before = await pixelsOf(canvas);
    const cdp = await page.context().newCDPSession(page);
    const y = box.y + box.height / 2;
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }]
      });
    await touch('touchStart', box.x + 80);
    for (let step = 1; step <= 8; step++) await touch('touchMove', box.x + 80 + step * 20);
    await touch('touchEnd', box.x + 240);
    expect(await changed(before, canvas)).toBeGreaterThan(0.02);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
