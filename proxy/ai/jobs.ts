import { randomInt } from 'node:crypto';
import type { JobResponse } from '../../src/lib/core/api/ai';
import type { CostEstimate } from '../../src/lib/core/cost/estimate';
import { resultCount, type AiOperation, MAX_SEED } from '../../src/lib/core/operations';
import type { ModelSpec } from '../../src/lib/core/operations/models';
import type { PlannedSize } from '../../src/lib/core/operations/sizing';
import {
  findEntry,
  listOutputs,
  release,
  settle,
  type LedgerEntry,
  type SettledOutput
} from '../ledger/ledger';
import type { Sql } from '../db/sql';
import { runToResult } from '../providers/execute';
import { ProviderError } from '../providers/provider-error';
import type { ProviderAdapter } from '../providers/types';

/** Variations of one operation run at most this many at a time, to stay under providers' rate limits. */
const VARIATION_CONCURRENCY = 2;

export interface JobPlan {
  entry: LedgerEntry;
  op: AiOperation;
  spec: ModelSpec;
  size?: PlannedSize;
  estimate: CostEstimate;
  files: ReadonlyMap<string, Blob>;
}

export interface JobRunnerOptions {
  sql: Sql;
  jobTimeoutMs: number;
  log: (line: string) => void;
}

/**
 * Runs ledger entries' upstream work in this process and remembers which are still running, so a request can
 * wait for one, and DELETE can cancel one. Finished state lives in the ledger, readable by every instance.
 */
export class JobRunner {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();

  constructor(private readonly options: JobRunnerOptions) {}

  start(adapter: ProviderAdapter, plan: JobPlan): void {
    const controller = new AbortController();
    const done = this.execute(adapter, plan, controller.signal).finally(() =>
      this.running.delete(plan.entry.id)
    );
    this.running.set(plan.entry.id, { controller, done });
  }

  /** Resolves when the job ends or `ms` passes, whichever is first. */
  async wait(id: string, ms: number): Promise<void> {
    const job = this.running.get(id);
    if (!job) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([job.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  cancel(id: string): boolean {
    const job = this.running.get(id);
    job?.controller.abort();
    return Boolean(job);
  }

  /** Lets running jobs finish (for shutdown and tests). */
  async drain(): Promise<void> {
    await Promise.all([...this.running.values()].map((job) => job.done));
  }

  private async execute(adapter: ProviderAdapter, plan: JobPlan, signal: AbortSignal): Promise<void> {
    const { op, spec, entry, estimate } = plan;
    const count = resultCount(op);
    // Every seeded result gets a recorded seed: the user's (plus the variation index) or one we choose.
    const baseSeed = spec.seed ? (('seed' in op ? op.seed : undefined) ?? randomInt(0, 2 ** 31)) : undefined;
    const outputs: (SettledOutput | undefined)[] = new Array(count);
    const errors: ProviderError[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const index = next++;
        const seed = baseSeed === undefined ? undefined : (baseSeed + index) % (MAX_SEED + 1);
        try {
          const result = await runToResult(
            adapter,
            { op, size: plan.size, seed, files: plan.files },
            signal,
            this.options.jobTimeoutMs
          );
          outputs[index] = {
            contentType: result.contentType,
            seed: result.seed ?? seed,
            costMicros: estimate.unitMicros,
            bytes: result.bytes
          };
        } catch (error) {
          errors.push(
            error instanceof ProviderError
              ? error
              : new ProviderError(adapter.id, 'upstream_failed', 'the call failed unexpectedly.')
          );
          if (!(error instanceof ProviderError))
            this.options.log(`[ai] ${entry.id} unexpected failure: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(VARIATION_CONCURRENCY, count) }, worker));
    const made = outputs.filter((output): output is SettledOutput => output !== undefined);
    const first = errors[0];
    const error = first ? { code: first.code, message: first.message } : undefined;
    const detail = first?.detail ? ` upstream said: ${first.detail}` : '';
    const closed = made.length
      ? await settle(this.options.sql, entry.id, made, errors.length, error)
      : await release(
          this.options.sql,
          entry.id,
          error ?? { code: 'upstream_failed', message: 'No result.' }
        );
    this.options.log(
      `[ai] job ${entry.id} user=${entry.userName} ${op.operation} ${op.provider}/${op.model} ok=${made.length} failed=${errors.length} charged_micros=${closed.chargedMicros}${error ? ` error=${error.code}: ${error.message}${detail}` : ''}`
    );
  }
}

/** The public view of a job, read from the ledger. */
export async function jobView(
  sql: Sql,
  user: string,
  id: string,
  replayed = false
): Promise<JobResponse | undefined> {
  const entry = await findEntry(sql, user, id);
  if (!entry) return undefined;
  const outputs = await listOutputs(sql, id);
  return {
    id: entry.id,
    status: entry.status === 'reserved' ? 'running' : entry.status === 'settled' ? 'done' : 'failed',
    operation: entry.operation,
    provider: entry.provider as JobResponse['provider'],
    model: entry.model,
    reservedMicros: entry.reservedMicros,
    chargedMicros: entry.chargedMicros,
    outputs: outputs.map((output) => ({
      ...output,
      url: `/api/ai/jobs/${entry.id}/outputs/${output.position}`
    })),
    failed: entry.resultsFailed,
    error: entry.error,
    replayed
  };
}
