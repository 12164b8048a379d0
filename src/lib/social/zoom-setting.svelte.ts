import { MaxEnlargementSchema } from '$core/crop/schema';
import { database } from '$lib/db/database';
import { readSetting, writeSetting } from '$lib/db/settings';

const KEY = 'social.maxEnlargement';

/** The enlargements offered: none (the default), then a little, as far as a zoomed crop still looks sharp. */
export const enlargementChoices = [1, 1.25, 1.5, 2] as const;

/**
 * How far the optimizer may enlarge a photo to zoom in and keep faces clear of a platform's UI, remembered on
 * the device. Every card and every export reads it through `cropOf`.
 */
class ZoomSetting {
  maxEnlargement = $state(1);

  async load(): Promise<void> {
    this.maxEnlargement = await readSetting(database(), KEY, MaxEnlargementSchema, 1);
  }

  async set(value: number): Promise<void> {
    this.maxEnlargement = MaxEnlargementSchema.parse(value);
    await writeSetting(database(), KEY, MaxEnlargementSchema, this.maxEnlargement);
  }
}

export const zoomSetting = new ZoomSetting();
