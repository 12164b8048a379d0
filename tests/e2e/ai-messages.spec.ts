import { expect, test, type Page } from '@playwright/test';
import { E2E_TOKEN } from './ai';
import { openOffline } from './fixtures';

async function saveToken(page: Page, token: string): Promise<void> {
  await page.goto('/settings');
  await page.getByTestId('ai-token').fill(token);
  await page.getByRole('button', { name: 'Save and test' }).click();
}

test('a wrong token is called invalid, in Settings and on an AI page', async ({ page }) => {
  await saveToken(page, 'isk_not-a-token-of-this-server');
  const status = page.getByTestId('ai-status');
  await expect(status).toContainText('Invalid token');
  await expect(status).not.toContainText('Send your token');

  await page.goto('/create');
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('The AI proxy did not accept your token');
  await expect(notice).toContainText('Invalid token');
});

test('offline, an AI page says "You are offline" and what still works, never that it was refused', async ({
  page
}) => {
  await saveToken(page, E2E_TOKEN);
  await expect(page.getByTestId('ai-status')).toContainText('Connected as e2e');
  await openOffline(page, '/upscale');
  const offline = page.getByTestId('ai-offline');
  await expect(offline.getByRole('heading', { name: 'You are offline' })).toBeVisible();
  await expect(offline.getByRole('link', { name: 'Social Optimizer' })).toBeVisible();
  await expect(page.getByText('did not let us in')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Back online, the page connects by itself.
  await page.context().setOffline(false);
  await expect(offline).toBeHidden({ timeout: 15_000 });
});
