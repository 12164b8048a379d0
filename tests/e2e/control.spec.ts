import { expect, test } from '@playwright/test';
import { connect, dropSource, lastUpstreamForm, testImage, versionsOf } from './studio-helpers';

test('sketch → image with a strength saves the result as a version of the sketch', async ({ page }) => {
  await connect(page);
  await page.goto('/control');
  await dropSource(page, 'sketch.png', await testImage(768, 768, '#ffffff'));
  await page.getByTestId('prompt').fill('a cosy cabin in the woods');
  await page.getByTestId('strength').fill('0.4');
  const run = page.getByTestId('run');
  await expect(run).toHaveText(/Sketch → image · \$/);
  await run.click();
  await expect(page.getByTestId('charged')).toBeVisible({ timeout: 30_000 });
  const form = await lastUpstreamForm('/v2beta/stable-image/control/sketch');
  expect(form.get('control_strength')).toBe('0.4');
  const { versions } = await versionsOf(page, 'sketch.png');
  expect(versions.map((version) => version.operation)).toEqual(['import', 'control.sketch']);
  expect(versions[1]?.params).toMatchObject({ prompt: 'a cosy cabin in the woods', controlStrength: 0.4 });
});

test('style transfer uses a reference kept in the style library, which survives a reload', async ({
  page
}) => {
  await connect(page);
  await page.goto('/control');
  await dropSource(page, 'content.png', await testImage(640, 480, '#1d4ed8'));
  await page.getByTestId('mode').selectOption('control.style-transfer');
  await expect(page.getByTestId('run')).toBeDisabled();
  await page.getByTestId('style-add').setInputFiles({
    name: 'ink.png',
    mimeType: 'image/png',
    buffer: await testImage(300, 300, '#111827')
  });
  await expect(page.getByTestId('style')).toHaveCount(1);
  await expect(page.getByTestId('style')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('charged')).toBeVisible({ timeout: 30_000 });
  const form = await lastUpstreamForm('/v2beta/stable-image/control/style-transfer');
  expect(form.get('style_image')).toBeInstanceOf(Blob);
  const { versions } = await versionsOf(page, 'content.png');
  expect(versions[1]).toMatchObject({ operation: 'control.style-transfer' });
  expect(versions[1]?.params).toMatchObject({ styleImage: { width: 300, height: 300 } });

  await page.reload();
  await page.getByTestId('mode').selectOption('control.style');
  await expect(page.getByTestId('style')).toHaveCount(1);
  await expect(page.getByTestId('style').locator('img')).toHaveJSProperty('complete', true);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the Control Studio fits the screen and runs by tap', async ({ page }) => {
    await connect(page);
    await page.goto('/control');
    await dropSource(page, 'phone-sketch.png', await testImage(600, 800, '#ffffff'));
    await page.getByTestId('prompt').fill('a lighthouse');
    await page.getByTestId('run').tap();
    await expect(page.getByTestId('result')).toBeVisible({ timeout: 30_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
