import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import sharp from 'sharp';
import { estimateCost } from '../../src/lib/core/cost/estimate';
import { GenerateOperationSchema } from '../../src/lib/core/operations/generate';
import { E2E_BATCH_TOKENS, fakeStabilityPort } from './ai';
import { openOffline, readStore } from './fixtures';

const fakeUrl = `http://127.0.0.1:${fakeStabilityPort(Number(process.env.E2E_PORT ?? 4317))}`;

interface FakeRequest {
  method: string;
  path: string;
  prompt: string | null;
}

/** How many generate calls the fake Stability upstream received for each prompt. */
async function upstreamCalls(page: Page, prompts: string[]): Promise<number[]> {
  const seen = (await (await page.request.get(`${fakeUrl}/__requests`)).json()) as FakeRequest[];
  return prompts.map(
    (prompt) =>
      seen.filter((r) => r.method === 'POST' && r.path.includes('/generate/') && r.prompt === prompt).length
  );
}

async function connect(page: Page, token: string): Promise<void> {
  await page.goto('/settings');
  await page.getByTestId('ai-token').fill(token);
  await page.getByRole('button', { name: 'Save and test' }).click();
  await expect(page.getByTestId('ai-status')).toContainText('Connected as e2e-batch');
}

const spent = async (page: Page, token: string) =>
  (
    (await (
      await page.request.get('/api/ai/budget', { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { spentMicros: number }
  ).spentMicros;

async function importCsv(page: Page, name: string, csv: string): Promise<void> {
  await page.getByTestId('csv-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
}

/** Records every Notification the page shows (the real one is still shown). */
async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.grantPermissions(['notifications']);
  await context.addInitScript(() => {
    const Real = window.Notification;
    const shown: string[] = [];
    (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
    window.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(title);
      }
    } as typeof Notification;
  });
}

test('25-row CSV with 3 bad rows: 22 run against the fake upstream across a reload, each charged once', async ({
  page
}) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const prompts = Array.from({ length: 22 }, (_, i) => `Batch ${run} row ${i + 1}: a lighthouse at dawn`);
  const bad = new Map([
    [5, ',stability,core,2,'],
    [12, `Batch ${run} bad provider,midjourney,core,2,`],
    [20, `Batch ${run} too many,stability,core,11,`]
  ]);
  // The fake paints each image in a colour from its seed (256 of them), and the library keeps identical
  // images once: seeds 0…43 give 44 different images.
  const lines = ['prompt,provider,model,variations,seed'];
  for (let line = 2, good = 0; line <= 26; line++)
    lines.push(bad.get(line) ?? `"${prompts[good]}",stability,core,2,${2 * good++}`);
  const unit = estimateCost(
    GenerateOperationSchema.parse({
      operation: 'generate',
      provider: 'stability',
      model: 'core',
      prompt: 'x',
      variations: 2
    })
  )!.totalMicros;

  await connect(page, E2E_BATCH_TOKENS.csv);
  await page.goto('/batch');
  await importCsv(page, `week-${run}.csv`, lines.join('\n'));
  await expect(page.getByTestId('preview-good')).toHaveText('22');
  await expect(page.getByTestId('preview-bad')).toHaveText('3');
  await expect(page.getByTestId('preview-bad-row')).toHaveCount(3);
  await expect(page.locator('[data-testid="preview-bad-row"][data-line="5"]')).toContainText(
    'Write a prompt.'
  );
  await expect(page.locator('[data-testid="preview-bad-row"][data-line="12"]')).toContainText(
    'Column 2 (provider)'
  );
  await expect(page.locator('[data-testid="preview-bad-row"][data-line="20"]')).toContainText('1 to 10');
  await expect(page.getByTestId('cost-preview')).toHaveAttribute('data-total-micros', String(22 * unit));
  await expect(page.getByTestId('preview-total')).toHaveText(`$${((22 * unit) / 1e6).toFixed(2)}`);
  const before = await spent(page, E2E_BATCH_TOKENS.csv);

  await page.getByTestId('queue-csv').click();
  const batch = page.locator('[data-testid="batch"]').filter({ hasText: `week-${run}` });
  await expect(batch.locator('[data-testid="job"][data-status="running"]').first()).toBeAttached();
  await page.reload();

  await expect(batch).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(batch).toHaveAttribute('data-succeeded', '22');
  expect(await upstreamCalls(page, prompts)).toEqual(Array(22).fill(2));
  // This user spends only here: the ledger charged exactly one price per image, and each job kept what it paid.
  expect((await spent(page, E2E_BATCH_TOKENS.csv)) - before).toBe(22 * unit);
  const batchRow = (await readStore<{ id: string; name: string }>(page, 'batches')).find(
    (row) => row.name === `week-${run}`
  )!;
  const charged = (await readStore<{ batchId: string; costActualMicros?: number }>(page, 'jobs'))
    .filter((job) => job.batchId === batchRow.id)
    .map((job) => job.costActualMicros);
  expect(charged).toEqual(Array(22).fill(unit));

  const assets = await readStore<{ source: string; prompt?: string }>(page, 'assets');
  const ours = assets.filter((asset) => asset.source === 'batch' && asset.prompt?.startsWith(`Batch ${run}`));
  expect(ours).toHaveLength(44);
  const versions = await readStore<{ params: { batchId?: string; row?: number; prompt?: string } }>(
    page,
    'versions'
  );
  const rows = new Set(
    versions.filter((v) => v.params.prompt?.startsWith(`Batch ${run}`)).map((v) => v.params.row)
  );
  expect(rows.size).toBe(22);
  expect(rows.has(5)).toBe(false);
});

test('two tabs on the batch page: every job runs once', async ({ context }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const prompts = Array.from({ length: 10 }, (_, i) => `Two tabs ${run} #${i}: a red kite`);
  const first = await context.newPage();
  await connect(first, E2E_BATCH_TOKENS.tabs);
  await first.goto('/batch');
  const second = await context.newPage();
  await second.goto('/batch');
  await importCsv(
    first,
    `tabs-${run}.csv`,
    ['prompt,model', ...prompts.map((p) => `"${p}",core`)].join('\n')
  );
  await first.getByTestId('queue-csv').click();

  for (const page of [first, second]) {
    const batch = page.locator('[data-testid="batch"]').filter({ hasText: `tabs-${run}` });
    await expect(batch).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    await expect(batch).toHaveAttribute('data-succeeded', '10');
  }
  expect(await upstreamCalls(first, prompts)).toEqual(Array(10).fill(1));
  const jobs = await readStore<{ batchId: string; attempts: number }>(first, 'jobs');
  const batches = await readStore<{ id: string; name: string }>(first, 'batches');
  const id = batches.find((b) => b.name === `tabs-${run}`)!.id;
  expect(jobs.filter((job) => job.batchId === id).map((job) => job.attempts)).toEqual(Array(10).fill(1));
});

/** Distinct small photos (the library keeps identical bytes once). */
const photos = (count: number) =>
  Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      name: `photo-${i + 1}.jpg`,
      mimeType: 'image/jpeg',
      buffer: await sharp({
        create: {
          width: 640,
          height: 480,
          channels: 3,
          background: { r: (i * 12) % 256, g: 90, b: 255 - i * 10 }
        }
      })
        .jpeg()
        .toBuffer()
    }))
  );

const localPresets = ['instagram-square', 'instagram-portrait', 'x-post', 'linkedin-post'];

test('offline: a local batch of 20 photos × 4 presets finishes into the library while the library page is open', async ({
  page
}) => {
  test.setTimeout(180_000);
  await openOffline(page, '/batch');
  await expect(page.getByRole('heading', { level: 1, name: 'Batch Processor' })).toBeVisible();

  await page.getByTestId('local-input').setInputFiles(await photos(20));
  for (const id of localPresets) await page.getByTestId(`preset-${id}`).check();
  await page.getByTestId('queue-local').click();
  const batch = page.locator('[data-testid="batch"]').filter({ hasText: '20 photos × 4 sizes' });
  await expect(batch).toHaveAttribute('data-status', 'active');

  // The batch goes on while another page is open: the runner belongs to the app, not to the Batch page.
  await page.locator('a[href="/library"]:visible').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Asset Library' })).toBeVisible();
  const optimizedCount = async () =>
    (await readStore<{ operation: string }>(page, 'versions')).filter((v) => v.operation === 'optimize')
      .length;
  await expect.poll(optimizedCount, { timeout: 150_000, intervals: [1_000] }).toBe(80);
  await page.locator('a[href="/batch"]:visible').first().click();
  await expect(batch).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(batch).toHaveAttribute('data-succeeded', '20');
  await expect(batch.getByTestId('batch-thumb').first()).toBeVisible();

  const versions = await readStore<{ operation: string; params: { preset?: string } }>(page, 'versions');
  const optimized = versions.filter((v) => v.operation === 'optimize');
  expect(optimized).toHaveLength(80);
  expect(new Set(optimized.map((v) => v.params.preset))).toEqual(new Set(localPresets));
});

test('a batch scheduled a minute ahead starts on time and a notification says it finished', async ({
  page,
  context
}) => {
  test.setTimeout(200_000);
  await recordNotifications(context);
  await page.goto('/batch');
  await page
    .getByTestId('local-input')
    .setInputFiles((await photos(1)).map((p) => ({ ...p, name: 'scheduled.jpg' })));
  await page.getByTestId('preset-instagram-square').check();
  // The field takes whole minutes: the first whole minute at least 60 s away.
  const at = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await page.getByTestId('schedule').fill(local);
  await page.getByTestId('queue-local').click();
  const batch = page.locator('[data-testid="batch"]').first();
  await expect(batch).toHaveAttribute('data-status', 'scheduled');

  await expect(batch).not.toHaveAttribute('data-status', 'scheduled', { timeout: 150_000 });
  const startedAt = Date.now();
  expect(startedAt).toBeGreaterThanOrEqual(at.getTime());
  expect(startedAt - at.getTime()).toBeLessThan(10_000);
  await expect(batch).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(batch).toHaveAttribute('data-late', 'false');
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications)
    )
    .toEqual([expect.stringContaining('is done')]);
});
