import { expect, test, type Page } from '@playwright/test';
import { readStore } from './fixtures';
import { connect, dropSource, lastWaveSpeedBody, testImage, versionsOf } from './studio-helpers';

interface Asset {
  id: string;
  name: string;
  source: string;
  mime: string;
  width: number;
  height: number;
  currentVersionId: string;
}

/** The stored file of a version: its type and its first bytes as text (where the format's magic lives). */
function fileOf(page: Page, versionId: string) {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('image-studio');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const get = <T>(store: string, key: string) =>
      new Promise<T>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result as T);
        request.onerror = () => reject(request.error);
      });
    const version = await get<{ hash: string }>('versions', id);
    const file = await get<{ blob: Blob }>('files', version.hash);
    db.close();
    const bytes = new Uint8Array(await file.blob.arrayBuffer());
    return { type: file.blob.type, head: String.fromCharCode(...bytes.slice(0, 12)) };
  }, versionId);
}

/** Reloads once the proxy has handed back a job id, and waits for the page to resume that job and save it. */
async function reloadMidJob(page: Page) {
  // The proxy answers 202 with a job id: it is in IndexedDB before the provider is done.
  await expect.poll(async () => (await readStore(page, 'studioJobs')).length, { timeout: 15_000 }).toBe(1);
  await page.reload();
  await expect(page.getByTestId('job')).toContainText('Resumed after a reload');
  await expect(page.locator('[data-testid="job"][data-state="saved"]')).toBeVisible({ timeout: 40_000 });
  expect(await readStore(page, 'studioJobs')).toEqual([]);
}

/**
 * No new asset: the 720p video is the newest version of the source image `name`, made by `operation` with
 * `params`, and stored as a real MP4.
 */
async function expectVideoVersion(
  page: Page,
  name: string,
  operation: string,
  params: Record<string, unknown>
) {
  const assets = await readStore<Asset>(page, 'assets');
  expect(assets).toHaveLength(1);
  expect(assets[0]).toMatchObject({ name, mime: 'video/mp4', width: 1280, height: 720 });
  const { versions, currentVersionId } = await versionsOf(page, name);
  expect(versions.map((version) => version.operation)).toEqual(['import', operation]);
  const [original, made] = versions;
  expect(made).toMatchObject({ id: currentVersionId, parentId: original?.id, mime: 'video/mp4' });
  expect(made?.params).toMatchObject(params);
  expect(made?.params.jobId).toEqual(expect.any(String));
  expect(await fileOf(page, made?.id ?? '')).toEqual({
    type: 'video/mp4',
    head: expect.stringMatching(/^.{4}ftypisom$/s)
  });
  expect(await fileOf(page, original?.id ?? '')).toMatchObject({ type: 'image/png' });
  await expect(page.getByTestId('download')).toHaveAttribute('download', 'video.mp4');
  return made;
}

test('image → video survives a reload mid-job: the job is resumed and the MP4 becomes a version of the source with its parameters', async ({
  page
}) => {
  await connect(page);
  await page.goto('/transform');
  await dropSource(page, 'harbour.png', await testImage(1280, 720, '#0f766e'));
  await expect(page.getByTestId('kind')).toHaveValue('transform.image-to-video');
  await page.getByTestId('prompt').fill('Boats rocking in the harbour');
  await page.getByTestId('motion').selectOption('push-in');
  await page.getByTestId('duration').selectOption('10');
  await page.getByTestId('resolution').selectOption('720p');
  const run = page.getByTestId('run');
  await expect(run).toHaveText(/Image → video · \$/);
  await run.click();

  await reloadMidJob(page);
  await expectVideoVersion(page, 'harbour.png', 'transform.image-to-video', {
    provider: 'wavespeed',
    model: 'wan-2.5',
    durationSeconds: 10,
    resolution: '720p',
    prompt: 'Boats rocking in the harbour. Camera: slow camera push in towards the subject.'
  });
});

/** A mono 16-bit PCM WAV of a 220 Hz tone: real script audio the browser can measure. */
function toneWav(seconds: number, sampleRate = 8000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    wav.writeInt16LE(Math.round(12_000 * Math.sin((2 * Math.PI * 220 * i) / sampleRate)), 44 + i * 2);
  return wav;
}

test('talking avatar: a portrait and a script WAV become a video version with its parameters, resumed after a reload mid-job', async ({
  page
}) => {
  const script = toneWav(1.5);
  await connect(page);
  await page.goto('/transform');
  await dropSource(page, 'presenter.png', await testImage(768, 768, '#7c3aed'));
  await page.getByTestId('kind').selectOption('transform.talking-avatar');
  const run = page.getByTestId('run');
  // The script audio is what the avatar speaks: without it there is nothing to run, and the form says so.
  await expect(run).toBeDisabled();
  await expect(page.getByRole('alert')).toHaveText('Add the script audio (MP3 or WAV) the avatar speaks.');

  await page
    .getByTestId('audio')
    .setInputFiles({ name: 'script.wav', mimeType: 'audio/wav', buffer: script });
  await expect(page.getByText('script.wav · 1.5 s')).toBeVisible();
  await page.getByTestId('avatar-resolution').selectOption('720p');
  // 1.5 s is billed as one 5-second block at the 720p rate.
  await expect(run).toHaveText(/Talking avatar · \$0\.30/);
  await run.click();

  const job = page.getByTestId('job');
  await expect(job).toHaveAttribute('data-state', 'running');
  await expect(job.getByRole('progressbar', { name: 'Working' })).toBeVisible();
  await reloadMidJob(page);

  // The provider got the portrait and exactly the script's bytes, and no prompt since none was written.
  const sent = await lastWaveSpeedBody('/wavespeed-ai/hunyuan-avatar');
  expect(sent).toMatchObject({
    resolution: '720p',
    image: expect.stringMatching(/^data:image\/png;base64,/)
  });
  expect(sent).not.toHaveProperty('prompt');
  const audio = String(sent.audio);
  expect(audio.startsWith('data:audio/wav;base64,')).toBe(true);
  expect(Buffer.from(audio.slice(audio.indexOf(',') + 1), 'base64').equals(script)).toBe(true);

  const made = await expectVideoVersion(page, 'presenter.png', 'transform.talking-avatar', {
    provider: 'wavespeed',
    model: 'hunyuan-avatar',
    resolution: '720p',
    audio: { format: 'wav', seconds: 1.5, bytes: script.length }
  });
  expect(made?.params).not.toHaveProperty('prompt');
});

test('image → 3D saves the GLB from Stable Fast 3D as a version of the source and offers it for download', async ({
  page
}) => {
  await connect(page);
  await page.goto('/transform');
  await dropSource(page, 'chair.png', await testImage(512, 512, '#b45309'));
  await page.getByTestId('kind').selectOption('transform.image-to-3d');
  await page.getByTestId('run').click();
  await expect(page.locator('[data-testid="job"][data-state="saved"]')).toBeVisible({ timeout: 30_000 });
  const assets = await readStore<Asset>(page, 'assets');
  expect(assets).toHaveLength(1);
  expect(assets[0]).toMatchObject({ name: 'chair.png', mime: 'model/gltf-binary' });
  const { versions, currentVersionId } = await versionsOf(page, 'chair.png');
  expect(versions.map((version) => version.operation)).toEqual(['import', 'transform.image-to-3d']);
  const made = versions[1];
  expect(made).toMatchObject({ id: currentVersionId, parentId: versions[0]?.id, mime: 'model/gltf-binary' });
  expect(made?.params).toMatchObject({ provider: 'stability', operation: 'transform.image-to-3d' });
  expect(made?.params.jobId).toEqual(expect.any(String));
  expect(await fileOf(page, made?.id ?? '')).toMatchObject({
    type: 'model/gltf-binary',
    head: expect.stringMatching(/^glTF/)
  });
  await expect(page.getByTestId('download')).toHaveAttribute('download', 'model.glb');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the Transform Studio fits the screen and its controls take taps', async ({ page }) => {
    await connect(page);
    await page.goto('/transform');
    await dropSource(page, 'phone-video.png', await testImage(720, 1280));
    await page.getByTestId('prompt').tap();
    await page.getByTestId('prompt').fill('Hair moving in the wind');
    await expect(page.getByTestId('run')).toBeEnabled();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
