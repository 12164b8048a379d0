import { retryDelayMs, shouldRetry } from '$core/batch/retry';
import type { BatchRow, JobRow } from '$lib/db/database';
import { QUEUE_CHANNEL } from './pending';
import type { BatchQueue } from './queue';

export type StepName = JobRow['steps'][number];

export interface StepResult {
  assetIds: string[];
  /** What the step was charged (micro-dollars); local steps cost nothing. */
  costMicros?: number;
}

/** One function per step; a step gets the previous step's assets (or the job's own inputs for the first). */
export type StepExecutors = Record<
  StepName,
  (job: JobRow, inputAssetIds: string[], signal: AbortSignal) => Promise<StepResult>
>;

/** The part of the Web Locks API the runner uses (navigator.locks in the browser). */
export interface JobLocks {
  request<T>(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: unknown) => Promise<T>
  ): Promise<T>;
}

export interface RunnerOptions {
  concurrency: number;
  perProvider: number;
  /** How often the runner looks while a batch is active (default 1 s). */
  tickMs?: number;
  /**
   * How often it looks when nothing is active or running (default 15 s): a queue change wakes it at once
   * through `QUEUE_CHANNEL`, and a scheduled batch's start time is kept exactly.
   */
  idleTickMs?: number;
  /** Called when nothing is active, running here or scheduled: what is left is paused or finished. */
  onIdle?: () => void;
  locks: JobLocks;
  steps: StepExecutors;
  /** Something changed in the queue (a job moved, a step finished): the page re-reads. */
  onChange?: () => void;
  /** A batch has no job left to run; called in the one tab that claimed the notice. */
  onBatchFinished?: (batch: BatchRow, jobs: JobRow[]) => void;
  now?: () => number;
}

const errorCode = (error: unknown): string =>
  typeof error === 'object' && error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'failed';

/**
 * Runs the queue while the page is open. Each job runs under a Web Lock named after it, taken only if free, so a
 * second tab skips what the first is running; a job left `running` by a closed tab has a free lock and is run
 * again with its idempotency key, which the proxy answers from its ledger instead of charging again.
 */
export class BatchRunner {
  readonly #queue: BatchQueue;
  readonly #options: RunnerOptions;
  readonly #active = new Map<string, { provider: string; controller: AbortController }>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wake: BroadcastChannel | undefined;
  #ticking = false;
  #nextTickMs = 0;

  constructor(queue: BatchQueue, options: RunnerOptions) {
    this.#queue = queue;
    this.#options = options;
  }

  get running(): number {
    return this.#active.size;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  start(): void {
    if (this.#wake) return;
    this.#wake = new BroadcastChannel(QUEUE_CHANNEL);
    this.#wake.onmessage = () => this.#lookIn(0);
    this.#lookIn(0);
  }

  /** Stops taking work and aborts what runs here; the jobs stay `running` and resume on the next start. */
  stop(): void {
    this.#wake?.close();
    this.#wake = undefined;
    clearTimeout(this.#timer);
    for (const { controller } of this.#active.values()) controller.abort();
  }

  /** One timer, re-armed after each tick: a second while there is work, longer when there is none. */
  #lookIn(ms: number): void {
    clearTimeout(this.#timer);
    if (!this.#wake) return;
    this.#timer = setTimeout(() => void this.tick().finally(() => this.#lookIn(this.#nextTickMs)), ms);
  }

  /** A second while anything is active or running here; otherwise until the next scheduled start, at most idle. */
  async #nextDelay(busy: boolean, now: number): Promise<number> {
    const tickMs = this.#options.tickMs ?? 1_000;
    if (busy || this.#active.size) return tickMs;
    const idleMs = this.#options.idleTickMs ?? 15_000;
    const scheduled = await this.#queue.db.batches.where('status').equals('scheduled').toArray();
    if (scheduled.length === 0) this.#options.onIdle?.();
    const next = Math.min(...scheduled.map((batch) => batch.scheduleAt ?? now));
    return Math.max(tickMs, Math.min(idleMs, next - now));
  }

  async tick(): Promise<void> {
    if (this.#ticking) return;
    this.#ticking = true;
    try {
      const db = this.#queue.db;
      const now = this.#now();
      if ((await this.#queue.startDue(now)).length) this.#options.onChange?.();
      const active = await db.batches.where('status').equals('active').sortBy('createdAt');
      const activeIds = new Set(active.map((batch) => batch.id));
      const jobs = await db.jobs.where('status').anyOf('queued', 'running', 'cancelled').toArray();
      for (const job of jobs) if (job.status === 'cancelled') this.#active.get(job.id)?.controller.abort();
      const order = new Map(active.map((batch, index) => [batch.id, index]));
      const candidates = jobs
        .filter(
          (job) =>
            job.status !== 'cancelled' &&
            activeIds.has(job.batchId) &&
            !this.#active.has(job.id) &&
            (job.notBefore ?? 0) <= now
        )
        .sort((a, b) => order.get(a.batchId)! - order.get(b.batchId)! || a.row - b.row);
      for (const job of candidates) {
        if (this.#active.size >= this.#options.concurrency) break;
        const sameProvider = [...this.#active.values()].filter((run) => run.provider === job.provider).length;
        if (sameProvider >= this.#options.perProvider) continue;
        this.#launch(job);
      }
      for (const batch of active) await this.#settle(batch.id);
      this.#nextTickMs = await this.#nextDelay(active.length > 0, now);
    } finally {
      this.#ticking = false;
    }
  }

  async #settle(batchId: string): Promise<void> {
    const batch = await this.#queue.settleBatch(batchId);
    if (!batch) return;
    this.#options.onChange?.();
    if (await this.#queue.claimNotice(batchId))
      this.#options.onBatchFinished?.(batch, await this.#queue.jobs(batchId));
  }

  #launch(job: JobRow): void {
    const controller = new AbortController();
    this.#active.set(job.id, { provider: job.provider, controller });
    void this.#options.locks
      .request(`image-studio:batch-job:${job.id}`, { ifAvailable: true }, async (lock) => {
        if (lock) await this.#execute(job.id, controller.signal);
      })
      .catch(() => undefined)
      .finally(() => {
        this.#active.delete(job.id);
        this.#options.onChange?.();
        if (this.#timer) void this.tick();
      });
  }

  /** Claims the job (queued, or running but abandoned: we hold its lock) and runs its remaining steps. */
  async #execute(jobId: string, signal: AbortSignal): Promise<void> {
    const db = this.#queue.db;
    const claimed = await db.transaction('rw', [db.jobs], async () => {
      const job = await db.jobs.get(jobId);
      if (!job || (job.status !== 'queued' && job.status !== 'running')) return undefined;
      const moved = await this.#queue.move(
        jobId,
        'running',
        { attempts: job.attempts + 1, startedAt: job.startedAt ?? this.#now() },
        ['queued', 'running']
      );
      return moved ? { ...job, attempts: job.attempts + 1, status: 'running' as const } : undefined;
    });
    if (!claimed) return;
    this.#options.onChange?.();
    let job: JobRow = claimed;
    try {
      for (let index = job.stepsDone; index < job.steps.length; index++) {
        const current = await db.jobs.get(jobId);
        if (!current || current.status !== 'running' || signal.aborted) return;
        const step = job.steps[index]!;
        const input = index === 0 ? job.inputAssetIds : (job.carryAssetIds ?? []);
        const result = await this.#options.steps[step](job, input, signal);
        job = {
          ...job,
          stepsDone: index + 1,
          carryAssetIds: result.assetIds,
          resultAssetIds: [...new Set([...job.resultAssetIds, ...result.assetIds])],
          costActualMicros:
            result.costMicros === undefined
              ? job.costActualMicros
              : (job.costActualMicros ?? 0) + result.costMicros
        };
        // Progress is kept whatever the status now is: a paused job resumes after this step, not before it.
        await db.jobs.update(jobId, {
          stepsDone: job.stepsDone,
          carryAssetIds: job.carryAssetIds,
          resultAssetIds: job.resultAssetIds,
          costActualMicros: job.costActualMicros,
          updatedAt: this.#now()
        });
        this.#options.onChange?.();
      }
      await this.#queue.move(jobId, 'succeeded', { finishedAt: this.#now(), lastError: undefined }, [
        'running'
      ]);
    } catch (error) {
      if (signal.aborted) return;
      const code = errorCode(error);
      const lastError = { code, message: error instanceof Error ? error.message : String(error) };
      if (shouldRetry(code, job.attempts)) {
        await this.#queue.move(
          jobId,
          'queued',
          {
            lastError,
            notBefore: this.#now() + retryDelayMs(job.attempts),
            // The proxy replays a key's settled failure; a retry that reached it needs a new key. Only a request
            // that may never have arrived (offline) keeps its key, so it cannot be charged twice.
            idempotencyKey: code === 'offline' ? job.idempotencyKey : crypto.randomUUID()
          },
          ['running']
        );
      } else {
        await this.#queue.move(jobId, 'failed', { lastError, finishedAt: this.#now() }, ['running']);
      }
    }
  }
}
