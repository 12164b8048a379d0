import { expect, test, type Page } from '@playwright/test';
import { E2E_TOKEN } from './ai';

interface StoredAsset {
  source: string;
  provider?: string;
  model?: string;
  cost?: number;
  prompt?: string;
  currentVersionId: string;
}

/** Reads the library's rows straight from IndexedDB, as the Asset Library page would. */
function readLibrary(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('image-studio');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const assets = await all<StoredAsset>('assets');
    const versions = await all<{ id: string; params: { seed?: number } }>('versions');
    db.close();
    return assets.map((asset) => ({
      ...asset,
      seed: versions.find((version) => version.id === asset.currentVersionId)?.params.seed
    }));
  });
}

const budget = async (page: Page) =>
  (await (
    await page.request.get('/api/ai/budget', { headers: { authorization: `Bearer ${E2E_TOKEN}` } })
  ).json()) as {
    spentMicros: number;
  };

test('without a token the Create page explains how to get one', async ({ page }) => {
  await page.goto('/create');
  await expect(page.getByTestId('ai-needs-token')).toContainText('npm run user:add');
  await page.getByRole('link', { name: 'Settings → AI proxy' }).click();
  await expect(page).toHaveURL(/\/settings$/);
});

test('3 variations against the fake Stability upstream land in the library with provider, seed and cost; the cost shown is what the ledger charged', async ({
  page
}) => {
  await page.goto('/settings');
  await page.getByTestId('ai-token').fill(E2E_TOKEN);
  await page.getByRole('button', { name: 'Save and test' }).click();
  await expect(page.getByTestId('ai-status')).toContainText('Connected as e2e');

  await page.goto('/create');
  await page.getByTestId('model').selectOption('core');
  await page.getByTestId('prompt').fill('A ceramic coffee cup on a sunlit oak desk');
  await page.getByTestId('template').selectOption('instagram-portrait');
  await page.getByTestId('variations').fill('3');
  const generate = page.getByTestId('generate');
  await expect(generate).toHaveText(/Generate 3 · \$0\.09/);
  await expect(page.getByText('Made at 896×1152 (4:5)')).toBeVisible();
  const shownMicros = Number(await generate.getAttribute('data-cost-micros'));
  const before = await budget(page);

  await generate.click();
  await expect(page.locator('[data-testid="result"][data-saved="saved"]')).toHaveCount(3, {
    timeout: 30_000
  });
  await expect(page.getByTestId('charged')).toHaveAttribute('data-charged-micros', String(shownMicros));

  const after = await budget(page);
  expect(after.spentMicros - before.spentMicros).toBe(shownMicros);

  const created = (await readLibrary(page)).filter((asset) => asset.source === 'create');
  expect(created).toHaveLength(3);
  for (const asset of created) {
    expect(asset).toMatchObject({ provider: 'stability', model: 'core', cost: shownMicros / 3 / 1_000_000 });
    expect(asset.prompt).toContain('coffee cup');
    expect(typeof asset.seed).toBe('number');
  }
  expect(new Set(created.map((asset) => asset.seed)).size).toBe(3);
});

test('pre-flight errors show beside their field and nothing is spent', async ({ page }) => {
  await page.goto('/settings');
  await page.getByTestId('ai-token').fill(E2E_TOKEN);
  await page.getByRole('button', { name: 'Save and test' }).click();
  await expect(page.getByTestId('ai-status')).toContainText('Connected');
  await page.goto('/create');
  const generate = page.getByTestId('generate');
  await expect(generate).toBeDisabled();
  await page.getByTestId('model').selectOption('sd3.5-large');
  await page.getByTestId('prompt').fill('x'.repeat(20));
  await expect(generate).toHaveText(/Generate 1 · \$0\.065/);
  await page.getByTestId('prompt').fill('   ');
  await expect(generate).toBeDisabled();
  await expect(page.getByText('Write a prompt.')).toBeVisible();
});
