import { zipSync } from 'fflate';
import { uniqueNamer } from '$core/export/name-template';
import { assetFileName } from '$core/library/file-name';
import type { Library } from './library';

export interface NamedFile {
  name: string;
  blob: Blob;
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The current version of each asset, named for what it is; an asset gone meanwhile is left out. */
export async function assetFiles(library: Library, ids: readonly string[]): Promise<NamedFile[]> {
  const unique = uniqueNamer();
  const files: NamedFile[] = [];
  for (const id of ids) {
    const asset = await library.get(id);
    if (!asset) continue;
    const version = (await library.versions.list(id)).find((row) => row.id === asset.currentVersionId);
    const blob = await library.versions.blob(asset.currentVersionId);
    const name = assetFileName({
      name: asset.name,
      mime: asset.mime,
      width: asset.width,
      height: asset.height,
      operation: version?.operation ?? 'import',
      params: version?.params
    });
    files.push({ name: unique(name), blob });
  }
  return files;
}

/** One ZIP holding every file under its own name. */
export async function saveZip(files: readonly NamedFile[], zipName: string): Promise<void> {
  const entries = Object.fromEntries(
    await Promise.all(files.map(async (file) => [file.name, new Uint8Array(await file.blob.arrayBuffer())]))
  );
  // Images are compressed already: storing them is as small and much faster.
  saveBlob(new Blob([zipSync(entries, { level: 0 })], { type: 'application/zip' }), zipName);
}

/** One file saves as itself; several as one ZIP. */
export async function saveFiles(files: readonly NamedFile[], zipName: string): Promise<void> {
  const [single] = files;
  if (files.length === 1 && single) saveBlob(single.blob, single.name);
  else await saveZip(files, zipName);
}
