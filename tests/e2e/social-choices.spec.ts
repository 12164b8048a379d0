import { expect, test, type Page } from '@playwright/test';
import { dropFixtures, clearPresets, pickPreset } from './social-helpers';

const card = (page: Page, presetId: string) => page.locator(`.preview-card[data-preset="${presetId}"]`);
/** The part of the source the card shows: the viewBox of the photo inside the frame, in source pixels. */
const viewBox = (page: Page, presetId: string) =>
  card(page, presetId).locator('svg.photo').getAttribute('viewBox');

test('favourites and user presets are kept on the device; a bad user preset is refused with its reason', async ({
  page
}) => {
  await page.goto('/social');
  await clearPresets(page);
  const search = page.getByRole('searchbox', { name: 'Search presets' });
  await search.fill('X header');
  await page.getByRole('button', { name: 'Favourite: X header' }).click();
  await expect(page.getByRole('button', { name: 'Favourite: X header' })).toHaveAttribute(
    'aria-pressed',
    'true'
  );
  await search.fill('');

  await page.getByRole('button', { name: 'New preset…' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Newsletter hero');
  await page.getByLabel('Width (px)').fill('5');
  await page.getByLabel('Height (px)').fill('400');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await expect(page.locator('.preset-form .error')).toContainText('16');
  await page.getByLabel('Width (px)').fill('1200');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await expect(page.getByRole('checkbox', { name: 'Newsletter hero' })).toBeChecked();

  await page.reload();
  const favourites = page.getByRole('group', { name: 'Favourites' });
  await expect(favourites.getByRole('checkbox', { name: 'X header' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Newsletter hero' })).toBeChecked();

  await page.getByRole('button', { name: 'Edit Newsletter hero' }).click();
  await page.getByLabel('Height (px)').fill('600');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await expect(page.locator('[data-preset^="user-newsletter-hero"]')).toContainText('1200×600');
  await page.getByRole('button', { name: 'Edit Newsletter hero' }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  // Gone from the page means gone from IndexedDB: a reload right after must not bring it back.
  await expect(page.getByRole('checkbox', { name: 'Newsletter hero' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Presets' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Newsletter hero' })).toHaveCount(0);
  await expect(page.getByTestId('selected-count')).toHaveText('0 selected');
});

test('dragging a crop and moving the focal point change the previews, and the hand-made crop survives a reload', async ({
  page
}) => {
  test.setTimeout(150_000);
  await page.goto('/social');
  await clearPresets(page);
  await pickPreset(page, 'Instagram square post');
  await pickPreset(page, 'X header');
  await dropFixtures(page, ['faces/sample1.jpg']);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(1, { timeout: 60_000 });
  const squareBefore = await viewBox(page, 'instagram-square');
  const headerBefore = await viewBox(page, 'x-header');

  // Drag the crop rectangle 60 px to the left with the mouse (Fabric.js canvas).
  await card(page, 'instagram-square').getByRole('button').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const stage = dialog.locator('.canvas-container');
  await expect(stage).toBeVisible();
  const [x, , width] = squareBefore!.split(' ').map(Number) as [number, number, number, number];
  const box = (await stage.boundingBox())!;
  const scale = box.width / 1920;
  const start = { x: box.x + (x + width / 2) * scale, y: box.y + box.height * 0.8 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x - 30, start.y, { steps: 5 });
  await page.mouse.move(start.x - 60, start.y, { steps: 5 });
  await page.mouse.up();
  await expect(card(page, 'instagram-square')).toContainText('your crop');
  const squareDragged = await viewBox(page, 'instagram-square');
  expect(Number(squareDragged!.split(' ')[0])).toBeLessThan(x);

  // The focal point by keyboard: the other preset, not cropped by hand, is recomputed around it.
  await dialog.getByLabel('the focal point').check();
  await dialog.getByRole('application').focus();
  for (let step = 0; step < 4; step++) await page.keyboard.press('Shift+ArrowDown');
  await expect(dialog.getByRole('button', { name: 'Automatic focal point' })).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await viewBox(page, 'instagram-square')).toBe(squareDragged);
  await expect.poll(() => viewBox(page, 'x-header')).not.toBe(headerBefore);
  const headerMoved = await viewBox(page, 'x-header');

  // The photo comes back from the library after a reload, and its choices, stored by its content, with it.
  await page.reload();
  await expect(page.locator('[data-status="ready"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(card(page, 'instagram-square')).toContainText('your crop');
  expect(await viewBox(page, 'instagram-square')).toBe(squareDragged);
  expect(await viewBox(page, 'x-header')).toBe(headerMoved);
});

test.describe('on a phone (390×844, touch)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the filled page fits the screen, and a card opens the editor by tap', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('/social');
    await clearPresets(page);
    await pickPreset(page, 'Instagram story');
    await pickPreset(page, 'LinkedIn personal banner');
    await dropFixtures(page, ['faces/sample2.jpg', 'bad/text.jpg']);
    await expect(page.locator('[data-status="ready"]')).toHaveCount(1, { timeout: 60_000 });
    await expect(page.locator('.preview-card')).toHaveCount(2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await card(page, 'instagram-story').getByRole('button').tap();
    const dialog = page.getByRole('dialog');
    await expect(dialog.locator('.canvas-container')).toBeVisible();
    const stage = (await dialog.locator('.canvas-container').boundingBox())!;
    expect(stage.x).toBeGreaterThanOrEqual(0);
    expect(stage.x + stage.width).toBeLessThanOrEqual(390);
    await dialog.getByRole('button', { name: 'Done' }).tap();
    await expect(dialog).toBeHidden();
  });
});
