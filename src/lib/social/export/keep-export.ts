import type { Library } from '$lib/library/library';
import type { SourceImage } from '../sources.svelte';
import type { KeptFile } from './export-social';

export const SOCIAL_EXPORT_OPERATION = 'social-export';

/** The name an export has in the library's history: its preset and its size. */
export const exportLabel = (file: Pick<KeptFile, 'preset' | 'width' | 'height'>): string =>
  `${file.preset.label} · ${file.width}×${file.height}`;

/** Keeps an exported file as a version of the photo it was cut from, counted for the preset's platform. */
export async function keepExport(library: Library, source: SourceImage, file: KeptFile): Promise<boolean> {
  // A photo the library could not keep has no history to join (the page said so when it was loaded).
  if (!source.photo) return false;
  await library.versions.addExport(
    source.photo.assetId,
    source.photo.versionId,
    {
      label: exportLabel(file),
      operation: SOCIAL_EXPORT_OPERATION,
      params: {
        preset: file.preset.id,
        width: file.width,
        height: file.height,
        file: file.name,
        ...file.record
      },
      platform: file.preset.platform,
      module: 'social',
      width: file.width,
      height: file.height
    },
    file.blob
  );
  return true;
}
