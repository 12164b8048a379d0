import { randomInt } from 'node:crypto';
import type { JobResponse } from '../../src/lib/core/api/ai';
import { estimateCost } from '../../src/lib/core/cost/estimate';
import { AiOperationSchema, resultCount, type AiOperation } from '../../src/lib/core/operations';
import { findModel } from '../../src/lib/core/operations/models';
import { batchSeeds } from '../../src/lib/core/operations/seeds';
import type { PlannedSize } from '../../src/lib/core/operations/sizing';
import type { ProviderId } from '../../src/lib/core/providers';
import type { Sql } from '../db/sql';
import {
  claimAbandoned,
  expireOutputs,
  findEntry,
  handOff,
  heartbeat,
  listOutputs,
  markVariation,
  settle,
  type LedgerEntry,
  type SettledOutput,
  type VariationState
} from '../ledger/ledger';
import { pollToResult } from '../providers/execute';
import { sleep } from '../providers/http';
import { ProviderError } from '../providers/provider-error';
import type { JobHandle, ProviderAdapter, ProviderResult } from '../providers/types';
import type { BlobStore } from '../storage/blob-store';
import { expectedKind, resultLimitBytes, storeResult } from './results';

/** Variations of one operation run at most this many at a time, to stay under providers' rate limits. */
const VARIATION_CONCURRENCY = 2;
/** A live instance touches its running entries this often; one untouched for STALE_MS is taken over. */
const HEARTBEAT_MS = 10_000;
const STALE_MS = 30_000;
/** How often instances look for abandoned entries: with STALE_MS, nothing waits more than 40 s after a crash. */
const RECOVERY_MS = 10_000;

export interface JobPlan {
  entry: LedgerEntry;
  op: AiOperation;
  size?: PlannedSize;
  files: ReadonlyMap<string, Blob>;
}

export interface JobRunnerOptions {
  sql: Sql;
  store: BlobStore;
  adapters: ReadonlyMap<ProviderId, ProviderAdapter>;
  jobTimeoutMs: number;
  /** The operator's cap on one result (each kind's documented limit applies too). */
  resultLimitBytes: number;
  resultTtlDays: number;
  log: (line: string) => void;
}

/** Upstream failures the provider does not charge for: it refused or failed the prediction itself. */
const unchargedCodes = new Set(['rejected', 'content_filtered', 'key_refused']);

/**
 * A failure the provider billed all the same: a filter that answered 200 (Stability's blurred image) ran the
 * generation. Every other filter or refusal is an error status and free.
 */
const billed = (error: ProviderError) =>
  !unchargedCodes.has(error.code) || (error.code === 'content_filtered' && error.upstreamStatus === 200);

const asError = (provider: ProviderId, error: unknown): ProviderError =>
  error instanceof ProviderError
    ? error
    : new ProviderError(provider, 'upstream_failed', 'the call failed unexpectedly.');

const errorOf = (error: ProviderError) => ({ code: error.code, message: error.message });

/** Thrown inside a variation when the server is shutting down: its state stays for the next start. */
class Interrupted extends Error {}

interface Running {
  cancel: AbortController;
  stop: AbortController;
  done: Promise<void>;
}

/**
 * Runs ledger entries' upstream work in this process, writing each variation's upstream state as it changes, so
 * a crash or a shutdown never strands a reservation: another start (or another instance) claims entries whose
 * heartbeat stopped, resumes polling the jobs it can and settles the rest. The charge rule (docs/costs.md): a
 * variation the provider accepted is charged whether or not its result reaches the user (cancelled, too large,
 * a refused link), because the provider charged for it; one it refused or failed is not.
 */
export class JobRunner {
  private readonly running = new Map<string, Running>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: JobRunnerOptions) {}

  start(plan: JobPlan): void {
    this.launch(plan.entry, plan.op, plan.size, plan.files);
  }

  /** Resolves when the job ends or `ms` passes, whichever is first. */
  async wait(id: string, ms: number): Promise<void> {
    const job = this.running.get(id);
    if (!job) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([job.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  /** Stops polling for the user; whatever the provider accepted is still charged. */
  cancel(id: string): boolean {
    const job = this.running.get(id);
    job?.cancel.abort();
    return Boolean(job);
  }

  /** Lets running jobs finish (for tests). */
  async drain(): Promise<void> {
    await Promise.all([...this.running.values()].map((job) => job.done));
  }

  /** Heartbeats, recovery of abandoned entries and the expiry of old outputs, until `shutdown`. */
  startMaintenance(): void {
    const { log } = this.options;
    const every = (ms: number, task: () => Promise<void>, name: string) => {
      this.timers.push(
        setInterval(
          () => void task().catch((error: Error) => log(`[ai] ${name} failed: ${error.message}`)),
          ms
        )
      );
    };
    every(HEARTBEAT_MS, () => heartbeat(this.options.sql, [...this.running.keys()]), 'heartbeat');
    every(RECOVERY_MS, () => this.recover(STALE_MS).then(() => undefined), 'recovery');
    every(3_600_000, () => this.expire().then(() => undefined), 'output expiry');
    for (const timer of this.timers) timer.unref();
  }

  /**
   * Stops accepting (the caller closed the listener), gives running jobs `graceMs` to finish, then stops the rest
   * where they stand and hands them to the next start, which resumes them from their recorded upstream state.
   */
  async shutdown(graceMs: number): Promise<{ finished: number; handedOff: number }> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    const before = this.running.size;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.drain(),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))
    ]);
    clearTimeout(timer);
    const left = [...this.running.entries()];
    for (const [, job] of left) job.stop.abort();
    await Promise.all(left.map(([, job]) => job.done));
    await handOff(
      this.options.sql,
      left.map(([id]) => id)
    );
    return { finished: before - left.length, handedOff: left.length };
  }

  /** Takes over entries nobody is working on and carries each to a settlement. Answers how many. */
  async recover(staleMs = STALE_MS): Promise<number> {
    const claimed = (await claimAbandoned(this.options.sql, staleMs)).filter(
      (entry) => !this.running.has(entry.id)
    );
    for (const entry of claimed) {
      const parsed = AiOperationSchema.safeParse(entry.request);
      const op = parsed.success ? parsed.data : undefined;
      this.options.log(`[ai] resuming job ${entry.id} left by a stopped server`);
      this.launch(entry, op, undefined, new Map(), true);
    }
    return claimed.length;
  }

  /** Deletes outputs past AI_RESULT_TTL_DAYS and their blobs. Answers how many. */
  async expire(): Promise<number> {
    const keys = await expireOutputs(this.options.sql);
    for (const key of keys) await this.options.store.delete(key);
    if (keys.length) this.options.log(`[ai] ${keys.length} output(s) expired`);
    return keys.length;
  }

  private launch(
    entry: LedgerEntry,
    op: AiOperation | undefined,
    size: PlannedSize | undefined,
    files: ReadonlyMap<string, Blob>,
    resumed = false
  ): void {
    const cancel = new AbortController();
    const stop = new AbortController();
    const done = this.execute(entry, op, size, files, resumed, cancel.signal, stop.signal)
      .catch((error: Error) => this.options.log(`[ai] job ${entry.id} failed to close: ${error.message}`))
      .finally(() => this.running.delete(entry.id));
    this.running.set(entry.id, { cancel, stop, done });
  }

  private async execute(
    entry: LedgerEntry,
    op: AiOperation | undefined,
    size: PlannedSize | undefined,
    files: ReadonlyMap<string, Blob>,
    resumed: boolean,
    cancel: AbortSignal,
    stop: AbortSignal
  ): Promise<void> {
    const { sql, log } = this.options;
    const provider = entry.provider as ProviderId;
    const adapter = this.options.adapters.get(provider);
    const spec = op ? findModel(op.provider, op.model) : undefined;
    const unitMicros = op ? (estimateCost(op)?.unitMicros ?? 0) : 0;
    const count = op ? resultCount(op) : Math.max(1, Object.keys(entry.upstream).length);
    // Every seeded result gets a recorded seed: the user's (plus the variation index) or one we choose, all in the
    // model's range — a batch near the top moves down as one block rather than wrapping.
    const seeds =
      op && spec?.seed
        ? batchSeeds(
            ('seed' in op ? op.seed : undefined) ??
              randomInt(spec.seed.min, Math.min(spec.seed.max, 2 ** 31 - 1)),
            count,
            spec.seed
          )
        : undefined;
    const states: VariationState[] = new Array(count);
    const record = async (index: number, state: VariationState) => {
      states[index] = state;
      await markVariation(sql, entry.id, index, state);
    };

    const store = async (index: number, result: ProviderResult): Promise<VariationState> => {
      if (!op) throw new ProviderError(provider, 'bad_response', 'the stored request is unreadable.');
      const stored = await storeResult(this.options.store, `ai-${entry.id}-${index}`, result.body, {
        provider,
        kind: expectedKind(op),
        limit: resultLimitBytes(op, this.options.resultLimitBytes)
      });
      return { state: 'stored', ...stored, seed: result.seed };
    };

    const follow = async (index: number, job: JobHandle): Promise<VariationState> => {
      if (!adapter) throw new ProviderError(provider, 'key_refused', 'the provider is no longer configured.');
      const result = await pollToResult(
        adapter,
        job,
        AbortSignal.any([cancel, stop]),
        this.options.jobTimeoutMs
      );
      return store(index, result);
    };

    // The provider's own words go to the log only (redacted there); the user gets our message.
    const failed = (index: number, error: unknown) => {
      const failure = asError(provider, error);
      if (failure.detail)
        log(`[ai] job ${entry.id} variation ${index} ${failure.code}: upstream said: ${failure.detail}`);
      return failure;
    };

    // After the provider accepted a variation, any end but its own failure is charged.
    const afterSubmit = async (index: number, work: () => Promise<VariationState>) => {
      try {
        await record(index, await work());
      } catch (error) {
        if (stop.aborted) throw new Interrupted();
        const failure = failed(index, error);
        await record(index, { state: billed(failure) ? 'charged' : 'failed', error: errorOf(failure) });
      }
    };

    const fresh = async (index: number) => {
      const seed = seeds?.[index];
      if (cancel.aborted || !op || !adapter) {
        const error = new ProviderError(
          provider,
          'cancelled',
          'cancelled before it was sent; nothing charged.'
        );
        return record(index, { state: 'failed', error: errorOf(error) });
      }
      await record(index, { state: 'submitting', seed });
      let outcome;
      try {
        // A user's cancel does not abort the submit: once it may have reached the provider, it is charged.
        outcome = await adapter.run({ op, size, seed, files }, stop);
      } catch (error) {
        if (stop.aborted) throw new Interrupted();
        // A submit that failed was not billed, unless the provider ran it and filtered the answer.
        const failure = failed(index, error);
        return record(index, {
          state: failure.code === 'content_filtered' && billed(failure) ? 'charged' : 'failed',
          error: errorOf(failure)
        });
      }
      if (outcome.kind === 'result') return afterSubmit(index, () => store(index, outcome.result));
      const { job } = outcome;
      await record(index, { state: 'job', id: job.id, seed: job.seed });
      return afterSubmit(index, () => follow(index, job));
    };

    // A restarted server carries on from what the dead one recorded.
    const resume = async (index: number) => {
      const state = entry.upstream[String(index)];
      if (!state) {
        const error = new ProviderError(
          provider,
          'cancelled',
          'the server stopped before it was sent; nothing charged.'
        );
        return record(index, { state: 'failed', error: errorOf(error) });
      }
      if (state.state === 'job')
        return afterSubmit(index, () => follow(index, { provider, id: state.id, seed: state.seed }));
      if (state.state === 'submitting') {
        const error = new ProviderError(
          provider,
          'upstream_failed',
          'the server stopped while the provider was working on it.'
        );
        return record(index, { state: 'charged', error: errorOf(error) });
      }
      states[index] = state;
    };

    let next = 0;
    const worker = async () => {
      while (next < count) {
        const index = next++;
        await (resumed ? resume(index) : fresh(index));
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(VARIATION_CONCURRENCY, count) }, worker));
    } catch (error) {
      if (error instanceof Interrupted || stop.aborted) return;
      throw error;
    }
    await this.close(entry, states, unitMicros, stop);
    log(
      `[ai] job ${entry.id} user=${entry.userName} ${entry.operation} ${entry.provider}/${entry.model} ` +
        states.map((state) => state.state).join(',')
    );
  }

  /** Settles from the recorded states; a failed settle is retried until it lands or the server stops. */
  private async close(
    entry: LedgerEntry,
    states: VariationState[],
    unitMicros: number,
    stop: AbortSignal
  ): Promise<void> {
    const expiresAt = new Date(Date.now() + this.options.resultTtlDays * 86_400_000);
    const outputs: SettledOutput[] = [];
    let unpaid = 0;
    let failed = 0;
    let error: { code: string; message: string } | undefined;
    for (const state of states) {
      if (state.state === 'stored')
        outputs.push({
          contentType: state.contentType,
          seed: state.seed,
          costMicros: unitMicros,
          blobKey: state.blobKey,
          sizeBytes: state.sizeBytes,
          expiresAt
        });
      else if (state.state === 'charged' || state.state === 'failed') {
        failed++;
        error ??= state.error;
        if (state.state === 'charged') unpaid += unitMicros;
      }
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const closed = await settle(this.options.sql, entry.id, outputs, failed, error, unpaid);
        this.options.log(
          `[ai] job ${entry.id} closed: ok=${outputs.length} failed=${failed} charged_micros=${closed.chargedMicros}${error ? ` error=${error.code}` : ''}`
        );
        return;
      } catch (settleError) {
        this.options.log(
          `[ai] settling job ${entry.id} failed (attempt ${attempt + 1}), retrying: ${(settleError as Error).message}`
        );
        try {
          await sleep(Math.min(30_000, 500 * 2 ** attempt), stop);
        } catch {
          return; // Stopping: the entry is handed off and the next start settles it from the same states.
        }
      }
    }
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
    status:
      entry.status === 'reserved'
        ? 'running'
        : entry.status === 'settled' && outputs.length
          ? 'done'
          : 'failed',
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
