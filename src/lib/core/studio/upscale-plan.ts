export const upscaleModes = ['upscale.fast', 'upscale.conservative', 'upscale.creative'] as const;
export type UpscaleMode = (typeof upscaleModes)[number];

export const upscalePresets = [
  { id: 'web', label: 'Web · 2048 px', longSide: 2048 },
  { id: 'print', label: 'Print · 3072 px', longSide: 3072 },
  { id: 'social', label: 'Social · 1080 px', longSide: 1080 }
] as const;
export type UpscalePresetId = (typeof upscalePresets)[number]['id'];

/** Stability's conservative and creative upscalers answer at about 4K on the long side; fast multiplies by 4. */
const FOUR_K = 4096;

/** The size the provider sends back for a source of `width` × `height`. */
export function providerSize(mode: UpscaleMode, width: number, height: number) {
  const factor = mode === 'upscale.fast' ? 4 : FOUR_K / Math.max(width, height);
  return { width: Math.round(width * factor), height: Math.round(height * factor) };
}

/** `width` × `height` scaled so the long side is `longSide`, aspect kept. */
export function longSideSize(width: number, height: number, longSide: number) {
  const factor = longSide / Math.max(width, height);
  return {
    width: Math.max(1, Math.round(width * factor)),
    height: Math.max(1, Math.round(height * factor))
  };
}

export interface UpscalePlan {
  /** What the provider returns. */
  provider: { width: number; height: number };
  /** What is saved: the preset's long side, reached by resizing the provider's result on the device. */
  final: { width: number; height: number };
  /** Said when the provider's result is smaller than the target, so the last step enlarges without new detail. */
  note?: string;
}

export function planUpscale(mode: UpscaleMode, width: number, height: number, longSide: number): UpscalePlan {
  const provider = providerSize(mode, width, height);
  const final = longSideSize(width, height, longSide);
  const short = Math.max(provider.width, provider.height) < longSide;
  return {
    provider,
    final,
    ...(short
      ? {
          note: `This model returns ${provider.width}×${provider.height}; the last ${Math.round(
            (longSide / Math.max(provider.width, provider.height)) * 100 - 100
          )}% is a plain resize. Conservative or creative reach 4K.`
        }
      : {})
  };
}
