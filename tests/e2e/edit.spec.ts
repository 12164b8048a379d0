import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import {
  connect,
  dropSource,
  lastUpstreamForm,
  lastWaveSpeedBody,
  testImage,
  versionsOf
} from './studio-helpers';

const W = 3000;
const H = 2000;

// The journeys read the fake upstream's last request at a path: two at once would read each other's.
test.describe.configure({ mode: 'default' });

test('a mask painted on a 3000×2000 image reaches the provider at 3000×2000, white exactly where painted, and the result becomes a version', async ({
  page
}) => {
  await connect(page);
  await page.goto('/edit');
  await dropSource(page, 'wide-3000.png', await testImage(W, H));
  await expect(page.getByTestId('tool')).toHaveValue('edit.inpaint');
  const stage = page.getByTestId('mask-editor').locator('.stage');
  await expect(stage.locator('canvas.upper-canvas')).toBeVisible();

  // The on-device tools come first on the page: the provider's mask editor may start below the fold.
  await stage.scrollIntoViewIfNeeded();
  const box = (await stage.boundingBox())!;
  const zoom = Math.min(box.width / W, box.height / H);
  const offsetX = (box.width - W * zoom) / 2;
  const offsetY = (box.height - H * zoom) / 2;
  const screen = (x: number, y: number) => [box.x + offsetX + x * zoom, box.y + offsetY + y * zoom] as const;
  const from = { x: 800, y: 1000 };
  const to = { x: 2200, y: 1000 };
  await page.mouse.move(...screen(from.x, from.y));
  await page.mouse.down();
  await page.mouse.move(...screen(to.x, to.y), { steps: 25 });
  await page.mouse.up();

  await page.getByTestId('prompt').fill('a bunch of sunflowers');
  const run = page.getByTestId('run');
  await expect(run).toBeEnabled();
  await expect(run).toHaveText(/Inpaint · \$/);
  await run.click();
  await expect(page.getByTestId('charged')).toBeVisible({ timeout: 30_000 });

  const form = await lastUpstreamForm('/v2beta/stable-image/edit/inpaint');
  expect(form.get('prompt')).toBe('a bunch of sunflowers');
  const mask = form.get('mask');
  expect(mask).toBeInstanceOf(Blob);
  const { data, info } = await sharp(Buffer.from(await (mask as Blob).arrayBuffer()))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([W, H]);

  // The brush is 40 screen pixels wide; a pointer position is exact to a screen pixel, i.e. 1/zoom source pixels.
  const radius = 20 / zoom;
  const slack = 2 / zoom + 2;
  let inside = 0;
  const wrong: string[] = [];
  for (let y = 0; y < H; y += 7) {
    for (let x = 0; x < W; x += 7) {
      const along = Math.min(Math.max(x, from.x), to.x);
      const distance = Math.hypot(x - along, y - from.y);
      const white = (data[y * W + x] ?? 0) > 127;
      if (distance < radius - slack && !white) wrong.push(`(${x},${y}) black inside the stroke`);
      if (distance > radius + slack && white) wrong.push(`(${x},${y}) white outside the stroke`);
      if (distance < radius - slack) inside++;
    }
  }
  expect(inside).toBeGreaterThan(1000);
  expect(wrong.slice(0, 5)).toEqual([]);

  const { versions, currentVersionId } = await versionsOf(page, 'wide-3000.png');
  expect(versions).toHaveLength(2);
  const [original, edited] = versions;
  expect(edited).toMatchObject({ operation: 'edit.inpaint', parentId: original?.id, id: currentVersionId });
  expect(edited?.params).toMatchObject({
    prompt: 'a bunch of sunflowers',
    provider: 'stability',
    model: 'inpaint',
    mask: { width: W, height: H, format: 'png' },
    image: { width: W, height: H }
  });
});

test('undo and redo step through the strokes, and invert flips the mask that is sent', async ({ page }) => {
  await connect(page);
  await page.goto('/edit');
  await dropSource(page, 'small.png', await testImage(600, 400));
  const stage = page.getByTestId('mask-editor').locator('.stage');
  await expect(stage.locator('canvas.upper-canvas')).toBeVisible();
  // The on-device tools come first on the page: the provider's mask editor may start below the fold.
  await stage.scrollIntoViewIfNeeded();
  const box = (await stage.boundingBox())!;
  const zoom = Math.min(box.width / 600, box.height / 400);
  const screen = (x: number, y: number) =>
    [
      box.x + (box.width - 600 * zoom) / 2 + x * zoom,
      box.y + (box.height - 400 * zoom) / 2 + y * zoom
    ] as const;
  await page.mouse.move(...screen(150, 200));
  await page.mouse.down();
  await page.mouse.move(...screen(450, 200), { steps: 10 });
  await page.mouse.up();
  await page.getByTestId('mask-undo').click();
  await expect(page.getByTestId('mask-undo')).toBeDisabled();
  await page.getByTestId('mask-redo').click();
  await expect(page.getByTestId('mask-redo')).toBeDisabled();
  await page.getByTestId('mask-invert').click();

  await page.getByTestId('prompt').fill('a meadow');
  await expect(page.getByTestId('run')).toBeEnabled();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('charged')).toBeVisible({ timeout: 30_000 });
  const form = await lastUpstreamForm('/v2beta/stable-image/edit/inpaint');
  expect(form.get('prompt')).toBe('a meadow');
  const { data, info } = await sharp(Buffer.from(await (form.get('mask') as Blob).arrayBuffer()))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([600, 400]);
  const at = (x: number, y: number) => data[y * 600 + x] ?? -1;
  // Inverted: the stroke is kept (black), everything else changes (white).
  expect([at(300, 200), at(200, 200)]).toEqual([0, 0]);
  expect([at(10, 10), at(590, 390), at(300, 50)]).toEqual([255, 255, 255]);
});

test('replace background and relight completes through polling and is saved as a version', async ({
  page
}) => {
  await connect(page);
  await page.goto('/edit');
  await dropSource(page, 'portrait.png', await testImage(640, 800, '#16a34a'));
  await page.getByTestId('tool').selectOption('edit.relight');
  const run = page.getByTestId('run');
  await expect(run).toBeDisabled();
  await expect(
    page.getByText('Give a background prompt, a background reference or a light reference.')
  ).toBeVisible();
  await page.getByTestId('background-prompt').fill('a sunset beach');
  await expect(run).toBeEnabled();
  await run.click();
  await expect(page.getByTestId('running')).toBeVisible();
  await expect(page.getByTestId('charged')).toBeVisible({ timeout: 30_000 });
  const form = await lastUpstreamForm('/v2beta/stable-image/edit/replace-background-and-relight');
  expect(form.get('subject_image')).toBeInstanceOf(Blob);
  const { versions } = await versionsOf(page, 'portrait.png');
  expect(versions.map((version) => version.operation)).toEqual(['import', 'edit.relight']);
  expect(versions[1]?.params).toMatchObject({
    backgroundPrompt: 'a sunset beach',
    jobId: expect.any(String)
  });
});

test('outpaint previews the expanded canvas and sends each side’s expansion', async ({ page }) => {
  await connect(page);
  await page.goto('/edit');
  await dropSource(page, 'outpaint.png', await testImage(800, 600));
  await page.getByTestId('tool').selectOption('edit.outpaint');
  const run = page.getByTestId('run');
  await expect(run).toBeDisabled();
  await expect(page.getByText('Expand at least one side.')).toBeVisible();
  await page.getByTestId('expand-left').fill('200');
  await page.getByTestId('expand-down').fill('100');
  await expect(page.getByTestId('outpaint-size')).toHaveText('New canvas 1000×700 px');
  await expect(run).toBeEnabled();
  await run.click();
  await expect(page.getByTestId('charged')).toBeVisible({ timeout: 30_000 });
  const form = await lastUpstreamForm('/v2beta/stable-image/edit/outpaint');
  expect([form.get('left'), form.get('down'), form.get('right')]).toEqual(['200', '100', '0']);
  const { versions } = await versionsOf(page, 'outpaint.png');
  expect(versions[1]).toMatchObject({ operation: 'edit.outpaint' });
  expect(versions[1]?.params).toMatchObject({ left: 200, down: 100, right: 0, up: 0 });
});

test('a prompt edit on a model that takes no mask says so, sends no mask, and offers Inpaint for a masked edit', async ({
  page
}) => {
  await connect(page);
  await page.goto('/edit');
  await dropSource(page, 'prompt-edit.png', await testImage(800, 600));
  await page.getByTestId('tool').selectOption('edit.general');
  await page.getByTestId('model').selectOption({ label: 'WaveSpeed · Qwen Edit' });
  // No WaveSpeed edit model documents a mask: the studio must not offer to paint one it would drop.
  await expect(page.getByTestId('mask-ignored')).toHaveText(
    /Qwen Edit edits the whole image from your prompt; it takes no mask\./
  );
  await expect(page.getByTestId('mask-editor')).toHaveCount(0);
  await page.getByTestId('prompt').fill('make the circle a sunflower');
  await expect(page.getByTestId('run')).toBeEnabled();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('charged')).toBeVisible({ timeout: 30_000 });
  const body = await lastWaveSpeedBody('/wavespeed-ai/qwen-image/edit');
  expect(body.prompt).toBe('make the circle a sunflower');
  expect(String(body.image)).toMatch(/^data:image\/png;base64,/);
  expect(body).not.toHaveProperty('mask_image');
  expect(body).not.toHaveProperty('images');
  const { versions } = await versionsOf(page, 'prompt-edit.png');
  expect(versions[1]).toMatchObject({ operation: 'edit.general' });
  expect(versions[1]?.params).toMatchObject({ provider: 'wavespeed', model: 'qwen-edit' });
  expect(versions[1]?.params).not.toHaveProperty('mask');

  await page.getByTestId('use-inpaint').click();
  await expect(page.getByTestId('tool')).toHaveValue('edit.inpaint');
  await expect(page.getByTestId('mask-editor')).toBeVisible();
  await expect(page.getByTestId('mask-ignored')).toHaveCount(0);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the Edit Studio fits the screen and a finger paints the mask', async ({ page }) => {
    await connect(page);
    await page.goto('/edit');
    await dropSource(page, 'phone.png', await testImage(1200, 900));
    const stage = page.getByTestId('mask-editor').locator('.stage');
    await expect(stage.locator('canvas.upper-canvas')).toBeVisible();
    await stage.scrollIntoViewIfNeeded();
    // The on-device tools come first on the page: the provider's mask editor may start below the fold.
    await stage.scrollIntoViewIfNeeded();
    const box = (await stage.boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    const y = box.y + box.height / 2;
    const point = (x: number) => [{ x: box.x + x, y, id: 1 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(60) });
    for (let x = 70; x <= 260; x += 10)
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(x) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect(page.getByTestId('mask-undo')).toBeEnabled();
    await page.getByTestId('prompt').fill('a red kite');
    await expect(page.getByTestId('run')).toBeEnabled();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
