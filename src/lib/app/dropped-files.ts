/**
 * Files from a drop, with dropped folders walked recursively (Chromium, Safari and Firefox expose them as
 * FileSystemEntry). Files found inside folders are kept only when they look like images, so a dropped
 * project folder does not turn into a list of errors about .DS_Store and notes.txt.
 */
export async function filesFromDrop(transfer: DataTransfer): Promise<File[]> {
  const entries = Array.from(transfer.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (!entries.length || entries.some((entry) => entry === null)) return Array.from(transfer.files);
  const files: File[] = [];
  for (const entry of entries as FileSystemEntry[]) {
    if (entry.isFile) files.push(await entryFile(entry as FileSystemFileEntry));
    else files.push(...(await folderImages(entry as FileSystemDirectoryEntry)));
  }
  return files;
}

const imageExtension = /\.(jpe?g|png|webp|avif|gif|tiff?|bmp|heic|heif|jxl)$/i;

/** Whether a file inside a picked or dropped folder should be taken as an image. */
export function looksLikeImage(file: File): boolean {
  return file.type.startsWith('image/') || imageExtension.test(file.name);
}

async function folderImages(folder: FileSystemDirectoryEntry): Promise<File[]> {
  const files: File[] = [];
  for (const entry of await readAllEntries(folder)) {
    if (entry.isDirectory) files.push(...(await folderImages(entry as FileSystemDirectoryEntry)));
    else {
      const file = await entryFile(entry as FileSystemFileEntry);
      if (looksLikeImage(file)) files.push(file);
    }
  }
  return files;
}

/** readEntries returns at most 100 entries per call; keep calling until it returns none. */
async function readAllEntries(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject)
    );
    if (!batch.length) return all;
    all.push(...batch);
  }
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}
