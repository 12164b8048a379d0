import type { JobStatus } from './job-state';

export interface ProgressJob {
  status: JobStatus;
  costEstimateMicros: number;
  costActualMicros?: number;
  startedAt?: number;
  finishedAt?: number;
}

export interface BatchProgress {
  total: number;
  counts: Record<JobStatus, number>;
  /** Succeeded + failed + cancelled. */
  finished: number;
  fraction: number;
  spentMicros: number;
  estimateMicros: number;
  /** Milliseconds left at the pace so far; undefined until one job has finished. */
  etaMs: number | undefined;
}

/** Counts, spend and ETA for one batch, from its jobs (whatever tab ran them). */
export function batchProgress(
  jobs: readonly ProgressJob[],
  startedAt: number | undefined,
  now: number
): BatchProgress {
  const counts: Record<JobStatus, number> = {
    queued: 0,
    scheduled: 0,
    running: 0,
    succeeded: 0,
    failed: 0,
    cancelled: 0,
    paused: 0
  };
  let spentMicros = 0;
  let estimateMicros = 0;
  for (const job of jobs) {
    counts[job.status]++;
    spentMicros += job.costActualMicros ?? 0;
    if (job.status !== 'cancelled') estimateMicros += job.costEstimateMicros;
  }
  const finished = counts.succeeded + counts.failed + counts.cancelled;
  const total = jobs.length;
  const worked = counts.succeeded + counts.failed;
  const left = total - finished;
  const etaMs =
    startedAt !== undefined && worked > 0 && left > 0
      ? Math.round(((now - startedAt) / worked) * left)
      : undefined;
  return {
    total,
    counts,
    finished,
    fraction: total ? finished / total : 0,
    spentMicros,
    estimateMicros,
    etaMs
  };
}

/** "about 3 min", "about 40 s": an ETA is a guess, so it is rounded like one. */
export function formatEta(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `about ${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `about ${minutes} min` : `about ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
