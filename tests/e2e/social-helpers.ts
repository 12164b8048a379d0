import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, type Download, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { fixturePath } from './fixtures';

/** Drops fixture files on the optimizer's drop zone the way a real drag from the desktop does. */
export async function dropFixtures(
  page: Page,
  paths: readonly string[],
  target = '.dropzone'
): Promise<void> {
  const files = paths.map((path) => ({
    name: basename(path),
    base64: readFileSync(fixturePath(path)).toString('base64')
  }));
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const { name, base64 } of list) {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      data.items.add(new File([bytes], name));
    }
    return data;
  }, files);
  const zone = page.locator(target).first();
  await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

/** Finds a preset with the search box and ticks it. */
export async function pickPreset(page: Page, label: string): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Search presets' });
  await search.fill(label);
  await page.getByRole('checkbox', { name: label, exact: true }).check();
  await search.fill('');
}

export interface ManifestEntry {
  file: string;
  source: string;
  preset: string;
  width: number;
  height: number;
  crop: { x: number; y: number; width: number; height: number };
  placement: { x: number; y: number; width: number; height: number };
  fit: string;
  strategy: string;
  warnings: string[];
}

/** The exported images of a ZIP and, apart from them, its manifest (what the workers actually cut). */
export async function unzipExport(
  download: Download
): Promise<{ files: Record<string, Uint8Array>; manifest: ManifestEntry[] }> {
  const path = await download.path();
  expect(path).toBeTruthy();
  const { 'manifest.json': manifest, ...files } = unzipSync(new Uint8Array(readFileSync(path)));
  expect(manifest, 'the ZIP carries manifest.json').toBeTruthy();
  const parsed = JSON.parse(new TextDecoder().decode(manifest)) as { files: ManifestEntry[] };
  return { files, manifest: parsed.files };
}

export async function unzipDownload(download: Download): Promise<Record<string, Uint8Array>> {
  return (await unzipExport(download)).files;
}

/** Whether a TIFF-structured EXIF block has a GPS IFD pointer (tag 0x8825) in IFD0. */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  // sharp hands back the APP1 payload, which starts with "Exif\0\0" before the TIFF header.
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
  const little = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (offset: number) => (little ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset));
  const u32 = (offset: number) => (little ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset));
  const ifd = u32(4);
  const count = u16(ifd);
  for (let entry = 0; entry < count; entry++) if (u16(ifd + 2 + entry * 12) === 0x8825) return true;
  return false;
}

/** Empties the first visit's default selection, so a test picks exactly the presets it names. */
export async function clearPresets(page: Page): Promise<void> {
  await page.locator('.picker').getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(page.getByTestId('selected-count')).toHaveText('0 selected');
}
