import { expect, type Page } from '@playwright/test';
import sharp from 'sharp';
import { E2E_TOKEN, fakeStabilityPort, fakeWaveSpeedPort } from './ai';

export const e2ePort = () => Number(process.env.E2E_PORT ?? 4317);

/** Saves the e2e user's token in Settings, as a person would. */
export async function connect(page: Page) {
  await page.goto('/settings');
  await page.getByTestId('ai-token').fill(E2E_TOKEN);
  await page.getByRole('button', { name: 'Save and test' }).click();
  await expect(page.getByTestId('ai-status')).toContainText('Connected');
}

/** A PNG of the given size with a circle on it (flat colours compress, so even 3000×2000 stays small). */
export async function testImage(width: number, height: number, colour = '#2563eb'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 4}" fill="#fde047"/></svg>`
        )
      }
    ])
    .png()
    .toBuffer();
}

/** Drops an image on the studio's source picker and waits until it is the source. */
export async function dropSource(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId('source-picker').locator('input[type="file"]').setInputFiles({
    name,
    mimeType: 'image/png',
    buffer
  });
  await expect(page.getByTestId('source-name')).toHaveText(name);
}

const lastUpstream = async (port: number, path: string): Promise<Response> => {
  const response = await fetch(`http://127.0.0.1:${port}/__recorded?path=${encodeURIComponent(path)}`);
  expect(response.ok).toBe(true);
  return response;
};

/** The body the fake Stability upstream last received at `path` (it runs in another process). */
export const lastUpstreamForm = async (path: string): Promise<FormData> =>
  (await lastUpstream(fakeStabilityPort(e2ePort()), path)).formData();

/** The JSON the fake WaveSpeed upstream last received at `path`. */
export const lastWaveSpeedBody = async (path: string): Promise<Record<string, unknown>> =>
  (await (await lastUpstream(fakeWaveSpeedPort(e2ePort()), path)).json()) as Record<string, unknown>;

interface StoredVersion {
  id: string;
  assetId: string;
  parentId: string | null;
  operation: string;
  params: Record<string, unknown>;
  mime: string;
}

/** Every version of the asset named `name`, oldest first, read straight from IndexedDB. */
export function versionsOf(page: Page, name: string) {
  return page.evaluate(async (wanted) => {
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
    const assets = await all<{ id: string; name: string; currentVersionId: string }>('assets');
    const versions = await all<StoredVersion & { createdAt: number }>('versions');
    db.close();
    const asset = assets.find((row) => row.name === wanted);
    return {
      currentVersionId: asset?.currentVersionId,
      versions: versions
        .filter((version) => version.assetId === asset?.id)
        .sort((a, b) => a.createdAt - b.createdAt)
    };
  }, name);
}
