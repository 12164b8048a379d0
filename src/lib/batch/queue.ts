import { estimateCost } from '$core/cost/estimate';
import type { CsvRow } from '$core/batch/csv-row';
import { isFinished, transition, type JobStatus } from '$core/batch/job-state';
import { database, type BatchRow, type JobRow, type StudioDatabase } from '$lib/db/database';
import { markBatchWork, QUEUE_CHANNEL } from './pending';

const newId = (): string => crypto.randomUUID();

export interface LocalBatchInput {
  name: string;
  assetIds: string[];
  presets: string[];
  scheduleAt?: number;
}

/**
 * The batch queue in IndexedDB. Every status change re-reads the job inside a transaction and goes through the
 * state machine, so two tabs racing on one job cannot both move it.
 */
/** Every tab's runner listens here; the queue says "look now" after a write that may have made work. */
function announceWork(): void {
  markBatchWork();
  const channel = new BroadcastChannel(QUEUE_CHANNEL);
  channel.postMessage('work');
  channel.close();
}

export class BatchQueue {
  readonly #open: () => StudioDatabase;

  constructor(open: () => StudioDatabase = database) {
    this.#open = open;
  }

  get db(): StudioDatabase {
    return this.#open();
  }

  async #addBatch(batch: BatchRow, jobs: JobRow[]): Promise<BatchRow> {
    const db = this.db;
    await db.transaction('rw', [db.batches, db.jobs], async () => {
      await db.batches.add(batch);
      await db.jobs.bulkAdd(jobs);
    });
    announceWork();
    return batch;
  }

  #batch(name: string, kind: BatchRow['kind'], scheduleAt?: number, campaign?: string): BatchRow {
    const now = Date.now();
    const scheduled = scheduleAt !== undefined && scheduleAt > now;
    return {
      id: newId(),
      name,
      kind,
      status: scheduled ? 'scheduled' : 'active',
      scheduleAt,
      campaign,
      createdAt: now,
      startedAt: scheduled ? undefined : now
    };
  }

  #job(batchId: string, fields: Partial<JobRow> & Pick<JobRow, 'row' | 'steps' | 'provider'>): JobRow {
    const now = Date.now();
    return {
      id: newId(),
      batchId,
      stepsDone: 0,
      inputAssetIds: [],
      presets: [],
      status: 'queued',
      attempts: 0,
      idempotencyKey: newId(),
      costEstimateMicros: 0,
      resultAssetIds: [],
      createdAt: now,
      updatedAt: now,
      ...fields
    };
  }

  /** One job per good CSV row: generate, then optimize for its presets when it names any, then tag. */
  createAiBatch(name: string, rows: readonly CsvRow[], scheduleAt?: number): Promise<BatchRow> {
    const batch = this.#batch(name, 'ai', scheduleAt, rows.find((row) => row.campaign)?.campaign);
    const jobs = rows.map((row) =>
      this.#job(batch.id, {
        row: row.line,
        steps: row.presets.length ? ['generate', 'optimize', 'tag'] : ['generate', 'tag'],
        operation: row.operation,
        presets: row.presets,
        persona: row.persona,
        campaign: row.campaign,
        provider: row.operation.provider,
        costEstimateMicros: estimateCost(row.operation)?.totalMicros ?? 0
      })
    );
    return this.#addBatch(batch, jobs);
  }

  /** One on-device job per photo, optimizing it for every chosen preset; needs no network. */
  createLocalBatch(input: LocalBatchInput): Promise<BatchRow> {
    const batch = this.#batch(input.name, 'local', input.scheduleAt);
    const jobs = input.assetIds.map((assetId, index) =>
      this.#job(batch.id, {
        row: index + 1,
        steps: ['optimize', 'tag'],
        inputAssetIds: [assetId],
        presets: input.presets,
        provider: 'local'
      })
    );
    return this.#addBatch(batch, jobs);
  }

  batches(): Promise<BatchRow[]> {
    return this.db.batches.orderBy('createdAt').reverse().toArray();
  }

  batch(batchId: string): Promise<BatchRow | undefined> {
    return this.db.batches.get(batchId);
  }

  jobs(batchId: string): Promise<JobRow[]> {
    return this.db.jobs.where('batchId').equals(batchId).sortBy('row');
  }

  /** Applies `change` to a job if the machine allows `to` from its current status; false when it does not. */
  async move(
    jobId: string,
    to: JobStatus,
    change: Partial<JobRow> = {},
    from?: JobStatus[]
  ): Promise<boolean> {
    const db = this.db;
    return db.transaction('rw', [db.jobs], async () => {
      const job = await db.jobs.get(jobId);
      if (!job || (from && !from.includes(job.status))) return false;
      if (job.status !== to) transition(job.status, to);
      await db.jobs.update(jobId, { ...change, status: to, updatedAt: Date.now() });
      return true;
    });
  }

  /** Moves every job of the batch that may make the move; the others (finished ones) stay as they are. */
  async #moveAll(batchId: string, from: JobStatus[], to: JobStatus): Promise<void> {
    const db = this.db;
    await db.transaction('rw', [db.jobs], async () => {
      const jobs = await db.jobs.where('batchId').equals(batchId).toArray();
      const now = Date.now();
      for (const job of jobs)
        if (from.includes(job.status))
          await db.jobs.update(job.id, { status: transition(job.status, to), updatedAt: now });
    });
  }

  async pauseBatch(batchId: string): Promise<void> {
    await this.db.batches.update(batchId, { status: 'paused' });
    await this.#moveAll(batchId, ['queued', 'scheduled', 'running'], 'paused');
    announceWork();
  }

  async resumeBatch(batchId: string): Promise<void> {
    await this.db.batches.update(batchId, { status: 'active', startedAt: Date.now() });
    await this.#moveAll(batchId, ['paused', 'scheduled'], 'queued');
    announceWork();
  }

  async cancelBatch(batchId: string): Promise<void> {
    await this.db.batches.update(batchId, { status: 'cancelled', finishedAt: Date.now() });
    await this.#moveAll(batchId, ['queued', 'scheduled', 'running', 'paused', 'failed'], 'cancelled');
    announceWork();
  }

  /** A user's change to one job; every tab's runner looks at once (a cancel aborts it where it runs). */
  async #userMove(
    jobId: string,
    to: JobStatus,
    change: Partial<JobRow>,
    from: JobStatus[]
  ): Promise<boolean> {
    const moved = await this.move(jobId, to, change, from);
    announceWork();
    return moved;
  }

  pauseJob = (jobId: string) => this.#userMove(jobId, 'paused', {}, ['queued', 'scheduled', 'running']);
  resumeJob = (jobId: string) =>
    this.#userMove(jobId, 'queued', { notBefore: undefined }, ['paused', 'failed']);
  cancelJob = (jobId: string) =>
    this.#userMove(jobId, 'cancelled', { finishedAt: Date.now() }, [
      'queued',
      'scheduled',
      'running',
      'paused',
      'failed'
    ]);

  /**
   * Starts every scheduled batch whose time has come. One whose time passed more than `graceMs` ago was missed
   * while the app was closed: it starts now, marked late.
   */
  async startDue(now = Date.now(), graceMs = 30_000): Promise<BatchRow[]> {
    const db = this.db;
    return db.transaction('rw', [db.batches], async () => {
      const due = (await db.batches.where('status').equals('scheduled').toArray()).filter(
        (batch) => (batch.scheduleAt ?? 0) <= now
      );
      for (const batch of due) {
        batch.status = 'active';
        batch.startedAt = now;
        batch.late = now - (batch.scheduleAt ?? now) > graceMs;
        await db.batches.put(batch);
      }
      return due;
    });
  }

  /** Marks a batch done once none of its jobs can still run; returns it (once) so the caller can notify. */
  async settleBatch(batchId: string): Promise<BatchRow | undefined> {
    const db = this.db;
    return db.transaction('rw', [db.batches, db.jobs], async () => {
      const batch = await db.batches.get(batchId);
      if (!batch || batch.status !== 'active') return undefined;
      const jobs = await db.jobs.where('batchId').equals(batchId).toArray();
      if (!jobs.every((job) => isFinished(job.status))) return undefined;
      batch.status = 'done';
      batch.finishedAt = Date.now();
      await db.batches.put(batch);
      return batch;
    });
  }

  /** Claims the finish notice for one tab: true only for the first caller. */
  async claimNotice(batchId: string): Promise<boolean> {
    const db = this.db;
    return db.transaction('rw', [db.batches], async () => {
      const batch = await db.batches.get(batchId);
      if (!batch || batch.notifiedAt) return false;
      await db.batches.update(batchId, { notifiedAt: Date.now() });
      return true;
    });
  }
}
