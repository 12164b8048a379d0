import { z } from 'zod';
import {
  defaultPresetIds,
  platformPresets,
  UserPresetSchema,
  type PlatformPreset,
  type UserPresetInput
} from '$core/platforms';
import { database } from '$lib/db/database';
import {
  deleteUserPreset,
  readFavourites,
  readUserPresets,
  saveUserPreset,
  setFavourite
} from '$lib/db/social-store';
import { readSetting, writeSetting } from '$lib/db/settings';

const SELECTED_KEY = 'social.selectedPresets';
const PresetIdsSchema = z.array(z.string());

/** The catalogue plus the user's own presets, their favourites and the current selection (all kept on the device). */
export class PresetLibrary {
  userPresets: PlatformPreset[] = $state.raw([]);
  favourites: string[] = $state.raw([]);
  selected: string[] = $state.raw([]);
  loaded = $state(false);

  get all(): PlatformPreset[] {
    return [...platformPresets, ...this.userPresets];
  }

  get selectedPresets(): PlatformPreset[] {
    const all = this.all;
    return this.selected.flatMap((id) => all.find((preset) => preset.id === id) ?? []);
  }

  async load(): Promise<void> {
    const db = database();
    const [userPresets, favourites, selected] = await Promise.all([
      readUserPresets(db, UserPresetSchema),
      readFavourites(db),
      // Null when the user has never chosen: an emptied selection stays empty.
      readSetting(db, SELECTED_KEY, PresetIdsSchema.nullable(), null)
    ]);
    this.userPresets = userPresets;
    this.favourites = favourites;
    const known = this.all.map((preset) => preset.id);
    this.selected = (selected ?? defaultPresetIds).filter((id) => known.includes(id));
    this.loaded = true;
  }

  isSelected(id: string): boolean {
    return this.selected.includes(id);
  }

  toggle(id: string, on = !this.isSelected(id)): Promise<void> {
    return this.setMany([id], on);
  }

  /** Selects or unselects several presets at once ("all of this platform", "all favourites"). */
  async setMany(ids: readonly string[], on: boolean): Promise<void> {
    const rest = this.selected.filter((known) => !ids.includes(known));
    this.selected = on ? [...rest, ...ids] : rest;
    await writeSetting(database(), SELECTED_KEY, PresetIdsSchema, this.selected);
  }

  async clearSelection(): Promise<void> {
    this.selected = [];
    await writeSetting(database(), SELECTED_KEY, PresetIdsSchema, []);
  }

  async toggleFavourite(id: string): Promise<void> {
    this.favourites = await setFavourite(database(), id, !this.favourites.includes(id));
  }

  /** Validates with the catalogue's schema, so a user preset can do everything a built-in one can. */
  async save(input: UserPresetInput): Promise<PlatformPreset> {
    const saved = await saveUserPreset(database(), UserPresetSchema, UserPresetSchema.parse(input));
    this.userPresets = [...this.userPresets.filter((preset) => preset.id !== saved.id), saved];
    return saved;
  }

  /** The preset disappears from the page only once every write is done, so a reload cannot bring it back. */
  async remove(id: string): Promise<void> {
    const selected = this.selected.filter((known) => known !== id);
    await deleteUserPreset(database(), id);
    await writeSetting(database(), SELECTED_KEY, PresetIdsSchema, selected);
    this.userPresets = this.userPresets.filter((preset) => preset.id !== id);
    this.favourites = this.favourites.filter((known) => known !== id);
    this.selected = selected;
  }
}
