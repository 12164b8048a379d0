import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';

/** Test images kept in the repository, with provenance and licence in tests/fixtures/README.md. */
export const fixturePath = (path: string): string => resolve(import.meta.dirname, '../fixtures', path);

export const fixtureBytes = (path: string): Uint8Array => new Uint8Array(readFileSync(fixturePath(path)));

/** Bytes behind an <img> with a blob: URL, read in the page and handed to Node. */
export async function imageBytes(page: Page, selector: string): Promise<Uint8Array> {
  const base64 = await page.locator(selector).evaluate(async (img: HTMLImageElement) => {
    const buffer = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
    let binary = '';
    for (const byte of buffer) binary += String.fromCharCode(byte);
    return btoa(binary);
  });
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** Waits until a service worker is active and controls this page, so the next load can come from its cache. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
    );
  });
}

/** Visits `path` online once, then reloads it with the network off: what follows runs from the service worker. */
export async function openOffline(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await waitForServiceWorker(page);
  await page.context().setOffline(true);
  await page.reload();
}

/** Rows straight from the app's IndexedDB, read in the page: what really is stored, not what the UI shows. */
export function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('image-studio');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result as unknown[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}
