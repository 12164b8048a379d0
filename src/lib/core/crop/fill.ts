import { z } from 'zod';
import { FitModeSchema, HexColorSchema, type FitMode } from './schema';

/**
 * How each preset's frame is filled, chosen on the Social page: a fit per preset (cover when not chosen) and
 * one padding colour — `auto` takes each photo's own edge colour, so a batch of photos each pads in its own.
 */
export const FillSettingsSchema = z.object({
  fits: z.record(z.string(), FitModeSchema).default({}),
  color: z.union([z.literal('auto'), HexColorSchema]).default('auto')
});
export type FillSettings = z.infer<typeof FillSettingsSchema>;

export interface Fill {
  fit: FitMode;
  color?: string;
}

/** The fill one preset gets for one photo; `edgeColor` is that photo's suggestion, when it is known. */
export function fillFor(settings: FillSettings, presetId: string, edgeColor?: string): Fill {
  const fit = settings.fits[presetId] ?? 'cover';
  if (fit !== 'pad-color') return { fit };
  return { fit, color: settings.color === 'auto' ? (edgeColor ?? '#000000') : settings.color };
}

/** The same fit for every preset listed ("for all"); cover is the default, so it is not stored. */
export function withFitForAll(
  settings: FillSettings,
  presetIds: readonly string[],
  fit: FitMode
): FillSettings {
  const fits = { ...settings.fits };
  for (const id of presetIds) {
    if (fit === 'cover') delete fits[id];
    else fits[id] = fit;
  }
  return { ...settings, fits };
}

/** The fit shared by every preset listed, or undefined when they differ. */
export function commonFit(settings: FillSettings, presetIds: readonly string[]): FitMode | undefined {
  const fits = new Set(presetIds.map((id) => settings.fits[id] ?? 'cover'));
  return fits.size === 1 ? [...fits][0] : undefined;
}
