import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StudioDatabase } from './database';
import {
  clearCropChoice,
  deleteUserPreset,
  readCropChoices,
  readFavourites,
  readUserPresets,
  saveCropChoice,
  saveUserPreset,
  setFavourite
} from './social-store';

const PresetSchema = z.object({
  id: z.string().startsWith('user-'),
  platform: z.string(),
  width: z.number().int().positive()
});
const ChoiceSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
let db: StudioDatabase;

beforeEach(() => {
  db = new StudioDatabase(`social-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('favourites', () => {
  it('stars and unstars built-in and user presets, keeping the user row in step', async () => {
    await saveUserPreset(db, PresetSchema, { id: 'user-banner', platform: 'custom', width: 1500 });
    await setFavourite(db, 'instagram-square', true);
    await setFavourite(db, 'user-banner', true);
    expect(await readFavourites(db)).toEqual(['instagram-square', 'user-banner']);
    expect((await db.presets.get('user-banner'))?.favourite).toBe(true);

    await setFavourite(db, 'instagram-square', false);
    expect(await readFavourites(db)).toEqual(['user-banner']);
  });
});

describe('user presets', () => {
  it('refuses an invalid preset and stores nothing', async () => {
    await expect(
      saveUserPreset(db, PresetSchema, { id: 'banner', platform: 'x', width: 10 })
    ).rejects.toThrow();
    expect(await db.presets.count()).toBe(0);
  });

  it('edits in place, skips rows that no longer parse, and deletes with the favourite', async () => {
    await saveUserPreset(db, PresetSchema, { id: 'user-a', platform: 'custom', width: 100 });
    await saveUserPreset(db, PresetSchema, { id: 'user-a', platform: 'custom', width: 200 });
    await db.presets.put({
      id: 'old',
      platform: 'x',
      preset: { nope: true },
      favourite: false,
      updatedAt: 0
    });
    expect(await readUserPresets(db, PresetSchema)).toEqual([
      { id: 'user-a', platform: 'custom', width: 200 }
    ]);

    await setFavourite(db, 'user-a', true);
    await deleteUserPreset(db, 'user-a');
    expect(await readUserPresets(db, PresetSchema)).toEqual([]);
    expect(await readFavourites(db)).toEqual([]);
  });
});

describe('crop choices', () => {
  it('keeps one choice per source and preset, and clears one without touching the others', async () => {
    const key = { sourceHash: 'abc', presetId: 'instagram-square' };
    await saveCropChoice(db, key, ChoiceSchema, { x: 1, y: 2, width: 3, height: 3 });
    await saveCropChoice(db, key, ChoiceSchema, { x: 5, y: 2, width: 3, height: 3 });
    await saveCropChoice(db, { ...key, presetId: 'x-post' }, ChoiceSchema, {
      x: 0,
      y: 0,
      width: 16,
      height: 9
    });
    await saveCropChoice(db, { ...key, sourceHash: 'other' }, ChoiceSchema, {
      x: 0,
      y: 0,
      width: 1,
      height: 1
    });

    const choices = await readCropChoices(db, 'abc', ChoiceSchema);
    expect(Object.fromEntries(choices)).toEqual({
      'instagram-square': { x: 5, y: 2, width: 3, height: 3 },
      'x-post': { x: 0, y: 0, width: 16, height: 9 }
    });

    await clearCropChoice(db, key);
    expect([...(await readCropChoices(db, 'abc', ChoiceSchema)).keys()]).toEqual(['x-post']);
  });
});
