import { z } from 'zod';

export const jobStatuses = [
  'queued',
  'scheduled',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'paused'
] as const;
export const JobStatusSchema = z.enum(jobStatuses);
export type JobStatus = z.infer<typeof JobStatusSchema>;

/**
 * Every move a job may make. `running → queued` is a retry after a retryable error or a tab that closed mid-run;
 * `failed → queued` is the user asking again. Succeeded and cancelled jobs never move: their results (or the
 * decision to drop them) are final, so nothing can charge for them again.
 */
const transitions: Record<JobStatus, readonly JobStatus[]> = {
  scheduled: ['queued', 'paused', 'cancelled'],
  queued: ['running', 'scheduled', 'paused', 'cancelled'],
  running: ['succeeded', 'failed', 'queued', 'paused', 'cancelled'],
  paused: ['queued', 'scheduled', 'cancelled'],
  failed: ['queued', 'cancelled'],
  succeeded: [],
  cancelled: []
};

export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  constructor(
    readonly from: JobStatus,
    readonly to: JobStatus
  ) {
    super(`A ${from} job cannot become ${to}.`);
  }
}

export const canTransition = (from: JobStatus, to: JobStatus): boolean => transitions[from].includes(to);

/** The status after the move, or IllegalTransitionError: callers never write a status the machine refuses. */
export function transition(from: JobStatus, to: JobStatus): JobStatus {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
  return to;
}

export const isFinished = (status: JobStatus): boolean =>
  status === 'succeeded' || status === 'failed' || status === 'cancelled';
