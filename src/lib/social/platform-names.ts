import type { Platform, PlatformPreset } from '$core/platforms';

export const platformNames: Record<Platform, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  x: 'X',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  pinterest: 'Pinterest',
  threads: 'Threads',
  bluesky: 'Bluesky',
  snapchat: 'Snapchat',
  whatsapp: 'WhatsApp',
  web: 'Web and e-mail',
  custom: 'Your presets'
};

/** Presets grouped by platform, in catalogue order, keeping only those the search matches. */
export function groupPresets(
  presets: readonly PlatformPreset[],
  query: string
): { platform: Platform; presets: PlatformPreset[] }[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<Platform, PlatformPreset[]>();
  for (const preset of presets) {
    const haystack =
      `${preset.label} ${preset.id} ${platformNames[preset.platform]} ${preset.width}x${preset.height} ${preset.width}×${preset.height}`.toLowerCase();
    if (!words.every((word) => haystack.includes(word))) continue;
    groups.set(preset.platform, [...(groups.get(preset.platform) ?? []), preset]);
  }
  return [...groups].map(([platform, list]) => ({ platform, presets: list }));
}
