import { z } from 'zod';
import { batchFinishedNotice } from '$core/batch/notice';
import { AiClientError, type AiClient } from '$lib/ai/client';
import type { BatchRow, JobRow, StudioDatabase } from '$lib/db/database';
import { readSetting, writeSetting } from '$lib/db/settings';

/** Settings → "E-mail me when a batch finishes"; off until the user turns it on. */
export const MAIL_ON_FINISH_KEY = 'batch.mailOnFinish';
export const readMailOnFinish = (db: StudioDatabase) =>
  readSetting(db, MAIL_ON_FINISH_KEY, z.boolean(), false);
export const writeMailOnFinish = (db: StudioDatabase, value: boolean) =>
  writeSetting(db, MAIL_ON_FINISH_KEY, z.boolean(), value);

/**
 * When the user asked for it, has the proxy e-mail them that the batch ended, and keeps the outcome on the
 * batch for its card. Never throws: the batch is finished whatever the mail server says.
 */
export async function mailBatchFinished(
  db: StudioDatabase,
  client: () => Promise<AiClient | undefined>,
  batch: BatchRow,
  jobs: readonly JobRow[]
): Promise<void> {
  const keep = (sent: boolean, message: string) =>
    db.batches.update(batch.id, { mail: { at: Date.now(), sent, message } });
  try {
    if (!(await readMailOnFinish(db))) return;
    const proxy = await client();
    if (!proxy) {
      await keep(false, 'Not e-mailed: there is no AI proxy connection in Settings.');
      return;
    }
    const sent = await proxy.notify(
      batchFinishedNotice(
        batch.name,
        jobs.map((job) => job.status)
      )
    );
    await keep(true, `E-mailed ${sent.to}.`);
  } catch (error) {
    const reason = error instanceof AiClientError ? error.message : String(error);
    console.warn(`[batch] the e-mail for “${batch.name}” was not sent: ${reason}`);
    await keep(false, `Not e-mailed: ${reason}`).catch(() => undefined);
  }
}
