import 'fake-indexeddb/auto';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../proxy/app';
import { hashToken, UserDirectory } from '../../../proxy/auth/users';
import { readConfig } from '../../../proxy/config';
import { createNotifyDeps } from '../../../proxy/notify/setup';
import { closedPort, startSmtpSink } from '../../../proxy/testing/smtp-sink';
import { parseBatchCsv } from '$core/batch/csv';
import { AiClient } from '$lib/ai/client';
import type { BatchRow } from '$lib/db/database';
import { mailBatchFinished, writeMailOnFinish } from './mail-notice';
import type { BatchQueue } from './queue';
import { BatchRunner, type StepExecutors } from './runner';
import { allFinished, deleteQueues, MemoryLocks, openQueue, sleep, until } from './test-support';

const TOKEN = 'isk_mail-notice-test';

/** The real proxy (createApp) over HTTP on loopback, mailing through the given SMTP port. */
async function startProxy(smtpPort: number) {
  const config = readConfig({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SMTP_TIMEOUT_MS: '1000' }, '0');
  const users = new UserDirectory([
    { name: 'dana', tokenHash: hashToken(TOKEN), email: 'dana@example.test', createdAt: 'test' }
  ]);
  const app = createApp({
    version: '0',
    bodyLimitBytes: 64 * 1024,
    providerKeys: {},
    notify: createNotifyDeps(config.notify, users, () => undefined)
  });
  const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const proxyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { client: new AiClient({ proxyUrl, token: TOKEN }), close: () => server.close() };
}

const rows = (count: number) =>
  parseBatchCsv(
    new TextEncoder().encode(
      [
        'prompt,provider,model,variations,presets',
        ...Array.from({ length: count }, (_, i) => `p${i},stability,core,1,`)
      ].join('\n')
    )
  ).rows;

/** Steps that finish at once, except the generate step of the listed CSV rows, which fails for good. */
function steps(failRows: number[]): StepExecutors {
  const ok: StepExecutors['generate'] = async (job) => ({ assetIds: [`a${job.row}`] });
  return {
    generate: async (job, input, signal) => {
      if (failRows.includes(job.row))
        throw Object.assign(new Error('The prompt was refused.'), { code: 'invalid_request' });
      return ok(job, input, signal);
    },
    optimize: ok,
    tag: ok
  };
}

/** Two tabs' runners over one queue, as two open tabs: both see the batch end, one claims its notice. */
async function runInTwoTabs(queue: BatchQueue, batchId: string, client: AiClient, failRows: number[]) {
  const locks = new MemoryLocks();
  const tabs = [0, 1].map(
    () =>
      new BatchRunner(queue, {
        concurrency: 2,
        perProvider: 2,
        tickMs: 5,
        locks,
        steps: steps(failRows),
        onBatchFinished: (batch, jobs) => void mailBatchFinished(queue.db, async () => client, batch, jobs)
      })
  );
  for (const tab of tabs) tab.start();
  await until(allFinished(queue, batchId));
  await until(async () => Boolean((await queue.db.batches.get(batchId))?.mail));
  // Both tabs keep looking for a while: a second mail would arrive in this time.
  await sleep(150);
  for (const tab of tabs) tab.stop();
  return (await queue.db.batches.get(batchId))!;
}

afterEach(deleteQueues);
afterEach(() => vi.restoreAllMocks());

describe('e-mail when a batch finishes, through the real proxy to an SMTP sink', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let proxy: Awaited<ReturnType<typeof startProxy>>;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    proxy = await startProxy(smtp.port);
  });
  afterAll(async () => {
    proxy.close();
    await smtp.close();
  });

  it('sends exactly one mail per batch, to the user’s address, with the counts; the batch keeps the outcome', async () => {
    smtp.received.length = 0;
    const queue = openQueue();
    await writeMailOnFinish(queue.db, true);
    const batch = await queue.createAiBatch('Spring launch', rows(4));
    const jobs = await queue.jobs(batch.id);
    const done = await runInTwoTabs(queue, batch.id, proxy.client, [jobs[1]!.row]);

    expect(done.status).toBe('done');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['dana@example.test']);
    expect(smtp.received[0]!.subject).toBe('Batch “Spring launch” finished: 1 of 4 failed');
    expect(smtp.received[0]!.text).toContain('Succeeded: 3 jobs');
    expect(done.mail).toMatchObject({ sent: true, message: 'E-mailed dana@example.test.' });
  });

  it('sends nothing while the setting is off', async () => {
    smtp.received.length = 0;
    const queue = openQueue();
    const batch = await queue.createAiBatch('Quiet', rows(1));
    await queue.db.batches.update(batch.id, { status: 'done' });
    await mailBatchFinished(queue.db, async () => proxy.client, batch, await queue.jobs(batch.id));
    expect(smtp.received).toHaveLength(0);
    expect((await queue.db.batches.get(batch.id))?.mail).toBeUndefined();
  });

  it('sends a one-line subject for a name with a line break', async () => {
    smtp.received.length = 0;
    const queue = openQueue();
    await writeMailOnFinish(queue.db, true);
    const batch: BatchRow = await queue.createAiBatch('Sale\r\nBcc: victim@example.test', rows(1));
    const jobs = (await queue.jobs(batch.id)).map((job) => ({ ...job, status: 'succeeded' as const }));
    await mailBatchFinished(queue.db, async () => proxy.client, batch, jobs);
    expect(smtp.received.map((mail) => [mail.to, mail.subject])).toEqual([
      [['dana@example.test'], 'Batch “Sale Bcc: victim@example.test” is done: 1 of 1 succeeded']
    ]);
    expect(smtp.received[0]!.raw).not.toMatch(/^Bcc:/im);
  });
});

describe('a mail that cannot go never fails the batch', () => {
  it('records the mail server’s refusal on the finished batch and warns in the console', async () => {
    const warnings: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line));
    const proxy = await startProxy(await closedPort());
    try {
      const queue = openQueue();
      await writeMailOnFinish(queue.db, true);
      const batch = await queue.createAiBatch('Offline mail', rows(2));
      const done = await runInTwoTabs(queue, batch.id, proxy.client, []);
      expect(done.status).toBe('done');
      expect((await queue.jobs(batch.id)).map((job) => job.status)).toEqual(['succeeded', 'succeeded']);
      expect(done.mail).toMatchObject({
        sent: false,
        message: 'Not e-mailed: The mail server could not be reached. No e-mail was sent.'
      });
      expect(warnings).toHaveLength(1);
    } finally {
      proxy.close();
    }
  });

  it('records why when the proxy is unreachable or there is no connection', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const queue = openQueue();
    await writeMailOnFinish(queue.db, true);
    const batch = await queue.createAiBatch('No proxy', rows(1));
    const jobs = await queue.jobs(batch.id);
    const away = new AiClient({ proxyUrl: `http://127.0.0.1:${await closedPort()}`, token: TOKEN });
    await mailBatchFinished(queue.db, async () => away, batch, jobs);
    expect((await queue.db.batches.get(batch.id))?.mail?.message).toMatch(/^Not e-mailed: Could not reach/);
    await mailBatchFinished(queue.db, async () => undefined, batch, jobs);
    expect((await queue.db.batches.get(batch.id))?.mail).toMatchObject({
      sent: false,
      message: 'Not e-mailed: there is no AI proxy connection in Settings.'
    });
  });
});
