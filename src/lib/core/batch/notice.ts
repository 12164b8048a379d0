import { singleLine, type NotifyRequest } from '../api/notify';
import type { JobStatus } from './job-state';

/**
 * What the proxy is told about a finished batch: counts and a name. The proxy refuses a name with a line break;
 * a batch may have been named from a pasted line, so the client makes it one line instead of losing the mail.
 */
export function batchFinishedNotice(name: string, statuses: readonly JobStatus[]): NotifyRequest {
  const count = (status: JobStatus) => statuses.filter((each) => each === status).length;
  return {
    kind: 'batch-finished',
    batchName: singleLine(name).trim().slice(0, 200) || 'Untitled batch',
    total: statuses.length,
    succeeded: count('succeeded'),
    failed: count('failed'),
    cancelled: count('cancelled')
  };
}
