import type { OutputWarning } from '$core/optimize';
import type { PlatformPreset } from '$core/platforms';
import { runBatch, type BatchProgress, type BatchResult } from './run-batch';
import type { ExportSink } from './sinks';
import type { RenderedWithNotes } from './render-source';

export interface SocialExportOptions<S> {
  sources: readonly S[];
  presets: readonly PlatformPreset[];
  nameOf: (source: S) => string;
  /** Workers in the optimize pool: every one is kept busy. */
  workers: number;
  /** All selected presets of one source; `spread` asks for them over every worker. */
  render: (
    source: S,
    presets: readonly PlatformPreset[],
    signal: AbortSignal,
    spread: boolean
  ) => Promise<RenderedWithNotes[]>;
  /** Keeps one exported file (the Asset Library); called only once the whole export has been saved. */
  keep?: (source: S, file: KeptFile) => Promise<boolean>;
  sink: ExportSink;
  signal: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
}

/** An exported file as the library receives it: a Blob, which the browser may hold on disk until then. */
export type KeptFile = Omit<RenderedWithNotes, 'bytes'> & { blob: Blob };

export interface SocialExportResult extends BatchResult {
  /** What happened to the files themselves (quality lowered to fit a size limit…), one per file concerned. */
  notes: OutputWarning[];
  /** Files kept in the library, and why others were not (each message once). */
  kept: number;
  keepErrors: string[];
}

/**
 * The Social Optimizer's export policy. With at least as many photos as workers, one photo per worker at a
 * time; with fewer, each photo's presets spread over all of them, one photo at a time. A cancelled export keeps
 * nothing, in the sink or the library, and reports no notes. Keeping files in the library comes last and
 * never fails the export: the user has the files either way.
 */
export async function exportSocial<S>(options: SocialExportOptions<S>): Promise<SocialExportResult> {
  const { sources, presets, workers, render, keep, signal } = options;
  const spread = sources.length < workers;
  const notes: OutputWarning[] = [];
  const made: { source: S; file: KeptFile }[] = [];
  const outcome = await runBatch({
    sources,
    outputsPerSource: presets.length,
    nameOf: options.nameOf,
    render: async (source, batchSignal) => {
      const files = await render(source, presets, batchSignal, spread);
      for (const { bytes, ...file } of files) {
        notes.push(...file.warnings);
        made.push({ source, file: { ...file, blob: new Blob([bytes as BlobPart]) } });
      }
      return files;
    },
    sink: options.sink,
    signal,
    concurrency: spread ? 1 : workers,
    manifest: 'manifest.json',
    onProgress: options.onProgress
  });
  if (outcome.cancelled) return { ...outcome, notes: [], kept: 0, keepErrors: [] };

  let kept = 0;
  const keepErrors = new Set<string>();
  if (keep) {
    for (const { source, file } of made) {
      try {
        if (await keep(source, file)) kept++;
      } catch (caught) {
        keepErrors.add(caught instanceof Error ? caught.message : String(caught));
      }
    }
  }
  return { ...outcome, notes, kept, keepErrors: [...keepErrors] };
}
