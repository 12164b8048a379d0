import { rename, writeFile } from 'node:fs/promises';

/** Writes beside the target and renames, so an interrupted run never leaves a half-written image. */
export async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const partial = `${path}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, path);
}
