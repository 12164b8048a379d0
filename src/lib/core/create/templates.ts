import { platformPresets, type Platform } from '../platforms';

/** A size (and a style that suits the channel) for Create Studio, read from the platform catalogue. */
export interface SizeTemplate {
  id: string;
  label: string;
  width: number;
  height: number;
  stylePreset?: string;
}

/** Thumbnails and banners sell a moment; feeds favour photographic realism. */
const styleFor: Partial<Record<Platform, string>> = {
  youtube: 'cinematic',
  tiktok: 'cinematic',
  web: 'digital-art'
};

export const sizeTemplates: readonly SizeTemplate[] = [
  { id: 'square', label: 'Square 1:1 (1024×1024)', width: 1024, height: 1024 },
  ...platformPresets.map((preset) => ({
    id: preset.id,
    label: `${preset.label} (${preset.width}×${preset.height})`,
    width: preset.width,
    height: preset.height,
    stylePreset: styleFor[preset.platform] ?? 'photographic'
  }))
];
