import { toImageError, type ImageErrorShape } from '$core/errors/image-error';
import { uniqueNamer } from '$core/export/file-name';
import type { ExportSink, ExportedTo } from './sinks';

export interface RenderedFile {
  name: string;
  bytes: Uint8Array;
}

export interface BatchFailure extends ImageErrorShape {
  source: string;
}

export interface BatchProgress {
  /** Outputs finished or skipped, out of `total` (sources × presets). */
  done: number;
  total: number;
  written: number;
  current: string | undefined;
  failures: BatchFailure[];
}

export interface BatchResult {
  exported: ExportedTo | undefined;
  written: number;
  failures: BatchFailure[];
  cancelled: boolean;
}

export interface BatchOptions<S> {
  sources: readonly S[];
  outputsPerSource: number;
  nameOf: (source: S) => string;
  /** All outputs of one source (decoded once); throws an ImageError when the source cannot be used. */
  render: (source: S, signal: AbortSignal) => Promise<RenderedFile[]>;
  sink: ExportSink;
  signal: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
}

/**
 * Renders every source in turn into the sink. A source that fails is reported and skipped; the others
 * finish. Cancelling discards the sink, so a cancelled export never leaves a half-made ZIP behind.
 */
export async function runBatch<S>(options: BatchOptions<S>): Promise<BatchResult> {
  const { sources, outputsPerSource, nameOf, render, sink, signal, onProgress } = options;
  const unique = uniqueNamer();
  const progress: BatchProgress = {
    done: 0,
    total: sources.length * outputsPerSource,
    written: 0,
    current: undefined,
    failures: []
  };
  const report = () => onProgress?.({ ...progress, failures: [...progress.failures] });
  report();

  for (const source of sources) {
    if (signal.aborted) break;
    progress.current = nameOf(source);
    report();
    try {
      const files = await render(source, signal);
      for (const file of files) {
        if (signal.aborted) break;
        await sink.add(unique(file.name), file.bytes);
        progress.written++;
      }
    } catch (caught) {
      const failure = toImageError(caught);
      if (failure.code !== 'cancelled' || !signal.aborted) {
        progress.failures.push({ source: nameOf(source), ...failure.toJSON() });
      }
    }
    progress.done += outputsPerSource;
    report();
  }

  progress.current = undefined;
  if (signal.aborted) {
    await sink.discard();
    report();
    return { exported: undefined, written: progress.written, failures: progress.failures, cancelled: true };
  }
  const exported = progress.written > 0 ? await sink.finish() : (await sink.discard(), undefined);
  report();
  return { exported, written: progress.written, failures: progress.failures, cancelled: false };
}
