import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { connect, dropSource, lastUpstreamForm, testImage, versionsOf } from './studio-helpers';

test('fast 4× to the web preset saves a 2048 px version with the operation and target, and compares at 1:1', async ({
  page
}) => {
  await connect(page);
  await page.goto('/upscale');
  await dropSource(page, 'small-400.png', await testImage(400, 300));
  await page.getByTestId('preset-web').check();
  await expect(page.getByTestId('plan')).toContainText('saved at 2048×1536');
  const run = page.getByTestId('run');
  await expect(run).toHaveText(/Upscale \(Fast 4×\) · \$/);
  await run.click();
  await expect(page.getByTestId('charged')).toBeVisible({ timeout: 30_000 });

  const { versions, currentVersionId } = await versionsOf(page, 'small-400.png');
  expect(versions.map((version) => version.operation)).toEqual(['import', 'upscale.fast']);
  const upscaled = versions[1];
  expect(upscaled?.id).toBe(currentVersionId);
  expect(upscaled).toMatchObject({ width: 2048, height: 1536 });
  expect(upscaled?.params).toMatchObject({
    provider: 'stability',
    model: 'fast',
    target: { preset: 'web', longSide: 2048, width: 2048, height: 1536 }
  });
  const form = await lastUpstreamForm('/v2beta/stable-image/upscale/fast');
  const sent = await sharp(Buffer.from(await (form.get('image') as Blob).arrayBuffer())).metadata();
  expect([sent.width, sent.height]).toEqual([400, 300]);

  await expect(page.getByTestId('compare')).toBeVisible();
  await page.getByTestId('compare-1to1').click();
  await expect(page.getByTestId('compare-zoom')).toHaveText('100%');
  await page.getByTestId('compare-side').click();
  await page.getByTestId('compare-1to1').click();
  const before = page.getByTestId('compare-before');
  const after = page.getByTestId('compare-after');
  await after.locator('..').hover();
  await page.mouse.down();
  await page.mouse.move(100, 100, { steps: 5 });
  await page.mouse.up();
  const transforms = await Promise.all(
    [before, after].map((image) => image.evaluate((node) => node.style.transform))
  );
  expect(transforms[0]).toBe(transforms[1]);
  expect(transforms[0]).toContain('scale(1)');
});

test('creative upscale completes through polling and is saved at the social preset', async ({ page }) => {
  await connect(page);
  await page.goto('/upscale');
  await dropSource(page, 'creative.png', await testImage(512, 512, '#7c3aed'));
  await page.getByTestId('mode-creative').check();
  await page.getByTestId('preset-social').check();
  await page.getByTestId('prompt').fill('crisp detail');
  const run = page.getByTestId('run');
  await expect(run).toBeEnabled();
  await run.click();
  await expect(page.getByTestId('running')).toBeVisible();
  await expect(page.getByTestId('charged')).toBeVisible({ timeout: 40_000 });
  const { versions } = await versionsOf(page, 'creative.png');
  expect(versions[1]).toMatchObject({ operation: 'upscale.creative', width: 1080, height: 1080 });
  expect(versions[1]?.params).toMatchObject({ prompt: 'crisp detail', jobId: expect.any(String) });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the Upscale Studio fits the screen and runs by tap', async ({ page }) => {
    await connect(page);
    await page.goto('/upscale');
    await dropSource(page, 'phone-up.png', await testImage(300, 400));
    await page.getByTestId('preset-social').tap();
    await page.getByTestId('run').tap();
    await expect(page.getByTestId('compare')).toBeVisible({ timeout: 30_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
