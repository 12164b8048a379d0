import { expect, test } from '@playwright/test';
import { studioModules } from '../../src/lib/app/modules';

test('the dashboard lists the eight modules and each opens its own page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Image Studio' })).toBeVisible();
  const cards = page.locator('main [data-module]');
  await expect(cards).toHaveCount(8);
  for (const module of studioModules) {
    await page.locator(`main a[data-module="${module.id}"]`).click();
    await expect(page).toHaveURL(new RegExp(`${module.href}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(module.name);
    await expect(page.locator('nav[aria-label="Modules"] a[aria-current="page"]')).toHaveText(module.name);
    await page.goBack();
  }
});

test('a deep link loads directly and an unknown path says it does not exist', async ({ page }) => {
  await page.goto('/library');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Asset Library');
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist');
});

test('the theme follows the system and a chosen theme survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const toggle = page.locator('aside').getByRole('button', { name: /Theme/ });
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(11, 16, 32)');
});

test('every control is reachable by keyboard, starting with a skip link', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  const reached = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName}:${el.getAttribute('href') ?? el.textContent?.trim().slice(0, 30)}` : '';
    });
    reached.add(label);
  }
  for (const module of studioModules) expect(reached).toContain(`A:${module.href}`);
  expect([...reached].some((label) => label.startsWith('BUTTON:Choose a file'))).toBe(true);

  await page.locator('main a[data-module="batch"]').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/batch$/);
});

test.describe('on a phone (390×844, touch)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a bottom bar replaces the sidebar and "More" reaches every module', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('aside.sidebar')).toBeHidden();
    const bar = page.getByRole('navigation', { name: 'Main' });
    await expect(bar).toBeVisible();
    await bar.getByRole('link', { name: 'Library' }).tap();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Asset Library');

    await bar.getByRole('button', { name: 'More' }).tap();
    const sheet = page.getByRole('dialog', { name: 'All modules' });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByRole('link')).toHaveCount(9);
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();

    await bar.getByRole('button', { name: 'More' }).tap();
    await sheet.getByRole('link', { name: 'Transform' }).tap();
    await expect(sheet).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Transform');
    await expect(bar.getByRole('button', { name: 'More' })).toHaveClass(/current/);
  });

  test('nothing overflows the screen sideways', async ({ page }) => {
    for (const path of ['/', '/social', '/settings']) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});
