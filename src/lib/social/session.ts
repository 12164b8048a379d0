import { z } from 'zod';
import type { StudioDatabase } from '$lib/db/database';
import { readSetting, writeSetting } from '$lib/db/settings';
import type { Library } from '$lib/library/library';

const SESSION_KEY = 'social.session';

/** A photo in the optimizer, as kept in the Asset Library: the asset and the version that was loaded. */
export const SessionPhotoSchema = z.object({ assetId: z.string(), versionId: z.string() });
export type SessionPhoto = z.infer<typeof SessionPhotoSchema>;
const SessionSchema = z.array(SessionPhotoSchema);

/** Keeps a loaded photo in the library (or finds the asset that already holds these bytes). */
export async function keepPhoto(library: Library, bytes: Uint8Array, name: string): Promise<SessionPhoto> {
  const { asset, version } = await library.save(new Blob([bytes as BlobPart]), { name, source: 'social' });
  return { assetId: asset.id, versionId: version.id };
}

export function writeSession(db: StudioDatabase, photos: readonly SessionPhoto[]): Promise<void> {
  return writeSetting(db, SESSION_KEY, SessionSchema, [...photos]);
}

/**
 * The photos of the last visit, read back from the library in the order they were loaded. A photo deleted
 * from the library since (trashed or purged) is left out rather than brought back.
 */
export async function readSession(
  db: StudioDatabase,
  library: Library
): Promise<{ file: File; photo: SessionPhoto }[]> {
  const photos = await readSetting(db, SESSION_KEY, SessionSchema, []);
  const found = await Promise.all(
    photos.map(async (photo) => {
      const asset = await library.get(photo.assetId);
      if (!asset || (await library.trash.has(photo.assetId))) return [];
      const blob = await library.versions.blob(photo.versionId).catch(() => undefined);
      return blob ? [{ file: new File([blob], asset.name, { type: blob.type }), photo }] : [];
    })
  );
  return found.flat();
}
