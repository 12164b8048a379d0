import { downloadZip } from 'client-zip';
import { AsyncQueue } from './async-queue';

/** Where exported files go. `finish` is called only when the whole batch ran; `discard` on cancel. */
export interface ExportSink {
  add(name: string, bytes: Uint8Array): Promise<void>;
  finish(): Promise<ExportedTo>;
  discard(): Promise<void>;
}

export type ExportedTo = { kind: 'zip'; blob: Blob } | { kind: 'folder'; folderName: string };

/**
 * A ZIP built while the outputs arrive (client-zip streams each entry as it is pushed), so no second copy
 * of all outputs is held before zipping. Entries are stored, not deflated: JPEG/WebP/AVIF/PNG do not shrink.
 */
export function zipSink(): ExportSink {
  const queue = new AsyncQueue<{ name: string; input: Uint8Array; lastModified: Date }>();
  const zipped = downloadZip(queue).blob();
  // A discarded ZIP is never awaited; keep its rejection from surfacing as unhandled.
  zipped.catch(() => undefined);
  return {
    async add(name, bytes) {
      queue.push({ name, input: bytes, lastModified: new Date() });
    },
    async finish() {
      queue.close();
      return { kind: 'zip', blob: await zipped };
    },
    async discard() {
      queue.close();
    }
  };
}

/**
 * Files written straight into a folder the user picked (File System Access API). Each file goes through a
 * writable that the browser commits only on close, so a cancelled or failed write leaves no partial file.
 */
export function folderSink(folder: FileSystemDirectoryHandle): ExportSink {
  return {
    async add(name, bytes) {
      const handle = await folder.getFileHandle(name, { create: true });
      const writable = await handle.createWritable();
      try {
        await writable.write(bytes as Uint8Array<ArrayBuffer>);
        await writable.close();
      } catch (error) {
        await writable.abort();
        throw error;
      }
    },
    async finish() {
      return { kind: 'folder', folderName: folder.name };
    },
    async discard() {}
  };
}

type DirectoryPicker = (options: { mode: 'readwrite'; id?: string }) => Promise<FileSystemDirectoryHandle>;

/** The folder picker where the browser has one (Chromium desktop), else undefined. */
export function directoryPicker(): DirectoryPicker | undefined {
  const picker = (globalThis as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;
  return typeof picker === 'function' ? picker.bind(globalThis) : undefined;
}
