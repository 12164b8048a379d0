import type { JobResponse } from '$core/api/ai';
import type { AiClient } from '$lib/ai/client';
import { database, type StudioJobRow } from '$lib/db/database';
import { deleteStudioJob, putStudioJob, studioJobsOldestFirst } from '$lib/db/studio-store';
import { library } from '$lib/library/library';

/** Kept as soon as the proxy answers with a job id, so a reload (or a closed tab) can pick it up again. */
export const rememberJob = (row: StudioJobRow) => putStudioJob(database(), row);

export const pendingJobs = (): Promise<StudioJobRow[]> => studioJobsOldestFirst(database());

/**
 * Follows a long job to its end and keeps its result (a video or a 3D model) in the library as a new version of the
 * source asset, recording the operation and its parameters; then forgets the job. A failed job is forgotten too,
 * with its error thrown.
 */
export async function collectJob(
  client: AiClient,
  row: StudioJobRow,
  options: { signal?: AbortSignal; onProgress?: (job: JobResponse) => void; started?: JobResponse } = {}
): Promise<{ versionId: string; blob: Blob }> {
  try {
    const first = options.started ?? (await client.job(row.id, options.signal));
    const job = await client.follow(first, options);
    const output = job.outputs[0];
    if (!output) throw new Error('The provider finished without a result.');
    const blob = await client.output(output.url, options.signal);
    const version = await library.versions.derive(
      row.sourceAssetId,
      row.operation,
      { ...(row.params as object), jobId: job.id, model: job.model },
      blob,
      {
        provider: job.provider,
        cost: output.costMicros / 1_000_000,
        width: row.width,
        height: row.height,
        module: row.module
      }
    );
    await deleteStudioJob(database(), row.id);
    return { versionId: version.id, blob };
  } catch (error) {
    if ((error as { code?: string }).code !== 'cancelled' && (error as { code?: string }).code !== 'offline')
      await deleteStudioJob(database(), row.id);
    throw error;
  }
}
