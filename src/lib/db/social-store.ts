import { z } from 'zod';
import type { StudioDatabase } from './database';
import { readSetting, writeSetting } from './settings';

const FAVOURITES_KEY = 'social.favouritePresets';
const PresetIdsSchema = z.array(z.string().min(1));

/** Favourite preset ids, built-in and user-made alike, in the order they were starred. */
export function readFavourites(db: StudioDatabase): Promise<string[]> {
  return readSetting(db, FAVOURITES_KEY, PresetIdsSchema, []);
}

/** Stars or unstars a preset; a user preset's own row keeps its `favourite` flag in step. */
export async function setFavourite(
  db: StudioDatabase,
  presetId: string,
  favourite: boolean
): Promise<string[]> {
  return db.transaction('rw', db.settings, db.presets, async () => {
    const current = await readFavourites(db);
    const next = favourite
      ? [...current.filter((id) => id !== presetId), presetId]
      : current.filter((id) => id !== presetId);
    await writeSetting(db, FAVOURITES_KEY, PresetIdsSchema, next);
    await db.presets.update(presetId, { favourite });
    return next;
  });
}

/** User presets that still match the catalogue's schema; rows an older app wrote and that no longer parse are skipped. */
export async function readUserPresets<P extends { id: string }>(
  db: StudioDatabase,
  schema: z.ZodType<P>
): Promise<P[]> {
  const rows = await db.presets.orderBy('updatedAt').toArray();
  return rows.flatMap((row) => {
    const parsed = schema.safeParse(row.preset);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function saveUserPreset<P extends { id: string; platform: string }>(
  db: StudioDatabase,
  schema: z.ZodType<P>,
  preset: P
): Promise<P> {
  const valid = schema.parse(preset);
  const favourites = await readFavourites(db);
  await db.presets.put({
    id: valid.id,
    platform: valid.platform,
    preset: valid,
    favourite: favourites.includes(valid.id),
    updatedAt: Date.now()
  });
  return valid;
}

export async function deleteUserPreset(db: StudioDatabase, presetId: string): Promise<void> {
  await db.presets.delete(presetId);
  await setFavourite(db, presetId, false);
}

/** Hand-made crops for one source image, by preset id; rows that no longer parse are ignored. */
export async function readCropChoices<C>(
  db: StudioDatabase,
  sourceHash: string,
  schema: z.ZodType<C>
): Promise<Map<string, C>> {
  const rows = await db.cropChoices.where('sourceHash').equals(sourceHash).toArray();
  const choices = new Map<string, C>();
  for (const row of rows) {
    const parsed = schema.safeParse(row.choice);
    if (parsed.success) choices.set(row.presetId, parsed.data);
  }
  return choices;
}

export async function saveCropChoice<C>(
  db: StudioDatabase,
  key: { sourceHash: string; presetId: string },
  schema: z.ZodType<C>,
  choice: C
): Promise<void> {
  await db.cropChoices.put({ ...key, choice: schema.parse(choice), updatedAt: Date.now() });
}

export async function clearCropChoice(
  db: StudioDatabase,
  key: { sourceHash: string; presetId: string }
): Promise<void> {
  await db.cropChoices.where({ sourceHash: key.sourceHash, presetId: key.presetId }).delete();
}
