import { fillFor, FillSettingsSchema, withFitForAll, type Fill, type FillSettings } from '$core/crop/fill';
import type { FitMode } from '$core/crop/schema';
import { database } from '$lib/db/database';
import { readSetting, writeSetting } from '$lib/db/settings';

const FILL_KEY = 'social.fill';

/** The fill chosen per preset (and the padding colour), remembered on this device with the other choices. */
export class FillChoices {
  settings: FillSettings = $state(FillSettingsSchema.parse({}));

  async load(): Promise<void> {
    this.settings = await readSetting(database(), FILL_KEY, FillSettingsSchema, this.settings);
  }

  fitOf(presetId: string): FitMode {
    return this.settings.fits[presetId] ?? 'cover';
  }

  fillOf(presetId: string, edgeColor?: string): Fill {
    return fillFor(this.settings, presetId, edgeColor);
  }

  async setFit(presetIds: readonly string[], fit: FitMode): Promise<void> {
    await this.#save(withFitForAll(this.settings, presetIds, fit));
  }

  async setColor(color: FillSettings['color']): Promise<void> {
    await this.#save({ ...this.settings, color });
  }

  async #save(next: FillSettings): Promise<void> {
    this.settings = next;
    await writeSetting(database(), FILL_KEY, FillSettingsSchema, $state.snapshot(next));
  }
}
