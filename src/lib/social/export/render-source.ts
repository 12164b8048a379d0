import type { Fill } from '$core/crop/fill';
import { outputFileName } from '$core/optimize/file-name';
import type { PlatformPreset } from '$core/platforms';
import { outputWarningCodes, type OutputWarning } from '$core/optimize';
import { optimizeWorkers } from '$lib/workers/optimize-worker';
import { cropOf } from '../crops';
import type { SourceImage } from '../sources.svelte';
import type { ExportSettings } from './export-settings';
import type { RenderedFile } from './run-batch';

export interface RenderedWithNotes extends RenderedFile {
  warnings: OutputWarning[];
  preset: PlatformPreset;
  width: number;
  height: number;
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
  spread: boolean,
  /** How each preset's frame is filled for this photo, as its card shows it. */
  fillOf: (preset: PlatformPreset) => Fill
): Promise<RenderedWithNotes[]> {
  const bytes = new Uint8Array(await source.file.arrayBuffer());
  const pool = optimizeWorkers();
  const outputs = await (spread ? pool.optimizeAcross : pool.optimize)(
    bytes,
    presets.map((preset) => {
      return {
        preset,
        // What the card shows: the worker cuts this and decides nothing.
        resolved: cropOf(source, preset, fillOf(preset)),
        format: settings.format === 'auto' ? undefined : settings.format,
        quality: settings.quality ?? undefined,
        keepMetadata: settings.keepMetadata
      };
    }),
    { name: source.name, analysis: source.analysis },
    signal
  );
  const presetOf = (id: string) => presets.find((preset) => preset.id === id) as PlatformPreset;
  return outputs.map(({ result, bytes: encoded }) => ({
    preset: presetOf(result.preset),
    width: result.width,
    height: result.height,
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
    record: {
      source: source.name,
      preset: result.preset,
      width: result.width,
      height: result.height,
      crop: result.crop,
      placement: result.placement,
      fit: result.fit,
      strategy: result.cropStrategy,
      warnings: result.warnings.map((warning) => warning.code)
    },
    // Crop warnings are on the cards already; the export reports what happened to the file itself.
    warnings: result.warnings.filter((warning) =>
      (outputWarningCodes as readonly string[]).includes(warning.code)
    )
  }));
}
