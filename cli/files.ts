import { readFile, rename, writeFile } from 'node:fs/promises';

/** Writes beside the target and renames, so an interrupted run never leaves a half-written image. */
export async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const partial = `${path}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, path);
}

/** A file's bytes as the Buffer `readFile` made, seen as a plain Uint8Array (a copy would be fresh memory again). */
export async function readBytes(path: string): Promise<Uint8Array> {
  const read = await readFile(path);
  return new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
}
