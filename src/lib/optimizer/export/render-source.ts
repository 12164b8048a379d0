import { outputFileName } from '$core/optimize/file-name';
import type { PlatformPreset } from '$core/platforms';
import { outputWarningCodes, type OutputWarning } from '$core/optimize';
import { optimizeWorkers } from '$lib/workers/optimize-worker';
import type { SourceImage } from '../sources.svelte';
import type { ExportSettings } from './export-settings';
import type { RenderedFile } from './run-batch';

export interface RenderedWithNotes extends RenderedFile {
  warnings: OutputWarning[];
}

/**
 * Every selected preset of one source in one worker call (decoded once), with the user's crops and focal
 * point and the analysis the previews used, so the files match what the cards show.
 */
export async function renderSource(
  source: SourceImage,
  presets: readonly PlatformPreset[],
  settings: ExportSettings,
  signal: AbortSignal,
  /** Spread this source's presets over every worker (decoded once); for batches with fewer photos than workers. */
  spread = false
): Promise<RenderedWithNotes[]> {
  const bytes = new Uint8Array(await source.file.arrayBuffer());
  const pool = optimizeWorkers();
  const outputs = await (spread ? pool.optimizeAcross : pool.optimize)(
    bytes,
    presets.map((preset) => {
      // A plain copy: the reactive proxy cannot be posted to a worker.
      const crop = source.userCrops[preset.id];
      return {
        preset,
        crop: crop && { ...crop },
        format: settings.format === 'auto' ? undefined : settings.format,
        quality: settings.quality ?? undefined,
        keepMetadata: settings.keepMetadata
      };
    }),
    { name: source.name, analysis: source.analysis, focal: source.pinnedFocal },
    signal
  );
  return outputs.map(({ result, bytes: encoded }) => ({
    name: outputFileName(
      {
        source: source.name,
        preset: result.preset,
        width: result.width,
        height: result.height,
        format: result.format
      },
      settings.template
    ),
    bytes: encoded,
    // Crop warnings are on the cards already; the export reports what happened to the file itself.
    warnings: result.warnings.filter((warning) =>
      (outputWarningCodes as readonly string[]).includes(warning.code)
    )
  }));
}
