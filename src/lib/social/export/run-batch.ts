import { toImageError, type ImageErrorShape } from '$core/errors/image-error';
import { uniqueNamer } from '$core/export/name-template';
import type { ExportSink, ExportedTo } from './sinks';

export interface RenderedFile {
  name: string;
  bytes: Uint8Array;
  /** What the manifest says about this file (its crop, fit, warnings), under its final name. */
  record?: object;
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
  /** Sources rendered at once (one per worker in the pool). */
  concurrency?: number;
  /**
   * Name of a JSON file added last, listing every written file with its `record`: what was actually cut,
   * read back from the workers' results, so a file can be checked against its preview.
   */
  manifest?: string;
}

/**
 * Renders every source into the sink, `concurrency` at a time. A source that fails is reported and skipped; the others
 * finish. Cancelling discards the sink, so a cancelled export never leaves a half-made ZIP behind.
 */
export async function runBatch<S>(options: BatchOptions<S>): Promise<BatchResult> {
  const { sources, outputsPerSource, nameOf, render, sink, signal, onProgress, concurrency = 1 } = options;
  const unique = uniqueNamer();
  const records: object[] = [];
  const progress: BatchProgress = {
    done: 0,
    total: sources.length * outputsPerSource,
    written: 0,
    current: undefined,
    failures: []
  };
  const report = () => onProgress?.({ ...progress, failures: [...progress.failures] });
  report();

  const inFlight: string[] = [];
  const renderOne = async (source: S) => {
    inFlight.push(nameOf(source));
    progress.current = inFlight.join(', ');
    report();
    try {
      const files = await render(source, signal);
      for (const file of files) {
        if (signal.aborted) break;
        const name = unique(file.name);
        await sink.add(name, file.bytes);
        if (file.record) records.push({ file: name, ...file.record });
        progress.written++;
      }
    } catch (caught) {
      const failure = toImageError(caught);
      if (failure.code !== 'cancelled' || !signal.aborted) {
        progress.failures.push({ source: nameOf(source), ...failure.toJSON() });
      }
    }
    inFlight.splice(inFlight.indexOf(nameOf(source)), 1);
    progress.current = inFlight.join(', ') || undefined;
    progress.done += outputsPerSource;
    report();
  };

  // Each lane takes the next source when it is free: as many sources in flight as there are workers.
  let next = 0;
  const lane = async () => {
    while (!signal.aborted && next < sources.length) await renderOne(sources[next++] as S);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, sources.length)) }, lane));

  progress.current = undefined;
  if (signal.aborted) {
    await sink.discard();
    report();
    return { exported: undefined, written: progress.written, failures: progress.failures, cancelled: true };
  }
  if (options.manifest && progress.written > 0) {
    const json = JSON.stringify({ files: records }, null, 2);
    await sink.add(unique(options.manifest), new TextEncoder().encode(json));
  }
  const exported = progress.written > 0 ? await sink.finish() : (await sink.discard(), undefined);
  report();
  return { exported, written: progress.written, failures: progress.failures, cancelled: false };
}
