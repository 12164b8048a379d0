import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithAi, TEST_TOKEN } from '../../../proxy/testing/ai-harness';
import { migrate } from '../../../proxy/db/migrate';
import { openPglite, type Sql } from '../../../proxy/db/sql';
import { formOf, type FakeServer } from '../../../proxy/testing/fakes/server';
import { solidPng } from '../../../proxy/testing/fakes/png';
import { startFakeStability } from '../../../proxy/testing/fakes/stability';
import { AiClient, AiClientError } from './client';

const KEY = 'sk-client-test-key';

describe('AiClient against the real proxy over HTTP', () => {
  let sql: Sql;
  let fake: FakeServer;
  let server: ServerType;
  let proxyUrl: string;

  beforeAll(async () => {
    sql = await openPglite();
    await migrate(sql);
    fake = await startFakeStability(KEY);
    const { app } = appWithAi(sql, { stability: { url: fake.url, key: KEY } }, { waitMs: 0 });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    proxyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    server.close();
    await fake.close();
    await sql.close();
  });

  const op = {
    operation: 'generate',
    provider: 'stability',
    model: 'core',
    prompt: 'a harbour',
    variations: 2
  } as const;

  it('runs an operation through 202 polling to its images, and the budget shows the charge', async () => {
    const client = new AiClient({ proxyUrl, token: TEST_TOKEN });
    const estimate = await client.estimate(op);
    const seen: string[] = [];
    const job = await client.run(op, 'client-key-1', {
      onProgress: (progress) => seen.push(progress.status)
    });
    expect(seen[0]).toBe('running');
    expect(job.outputs).toHaveLength(2);
    expect(job.chargedMicros).toBe(estimate.estimate?.totalMicros);
    const blob = await client.output(job.outputs[0]!.url);
    expect(blob.type).toBe('image/png');
    expect((await client.budget()).spentMicros).toBe(job.chargedMicros);
  });

  it('uploads the parts an operation declares as multipart, and the provider receives those bytes', async () => {
    const client = new AiClient({ proxyUrl, token: TEST_TOKEN });
    const png = solidPng(256, 192, [200, 30, 30]);
    const mask = solidPng(256, 192, [255, 255, 255]);
    const declare = (part: string, bytes: Uint8Array) =>
      ({ part, format: 'png', width: 256, height: 192, bytes: bytes.length }) as const;
    const job = await client.run(
      {
        operation: 'edit.inpaint',
        provider: 'stability',
        model: 'inpaint',
        prompt: 'a kite',
        image: declare('photo', png),
        mask: declare('mask', mask)
      },
      'client-key-multipart',
      { files: { photo: new Blob([png as BlobPart]), mask: new Blob([mask as BlobPart]) } }
    );
    expect(job.status).toBe('done');
    const sent = fake.requests.findLast((request) => request.path.endsWith('/edit/inpaint'));
    const form = await formOf(sent!);
    expect(new Uint8Array(await (form.get('mask') as Blob).arrayBuffer())).toEqual(new Uint8Array(mask));
    expect(new Uint8Array(await (form.get('image') as Blob).arrayBuffer())).toEqual(new Uint8Array(png));
  });

  it('follows a job it did not start (a page resuming after a reload) to its end', async () => {
    const client = new AiClient({ proxyUrl, token: TEST_TOKEN });
    fake.pendingPolls = 2;
    const posted = await client.run(
      {
        operation: 'upscale.creative',
        provider: 'stability',
        model: 'creative',
        image: {
          part: 'image',
          format: 'png',
          width: 256,
          height: 192,
          bytes: solidPng(256, 192, [1, 2, 3]).length
        }
      },
      'client-key-follow',
      { files: { image: new Blob([solidPng(256, 192, [1, 2, 3]) as BlobPart]) } }
    );
    const again = await client.follow(await client.job(posted.id));
    expect(again.status).toBe('done');
    expect(again.outputs).toHaveLength(1);
  });

  it('turns refusals into AiClientError with the field messages', async () => {
    const client = new AiClient({ proxyUrl, token: TEST_TOKEN });
    const error = await client
      .run({ ...op, model: 'sd3.5-large', guidance: 20 }, 'client-key-2')
      .catch((caught: unknown) => caught as AiClientError);
    expect(error).toBeInstanceOf(AiClientError);
    expect(error).toMatchObject({
      status: 422,
      code: 'preflight_failed',
      fields: { guidance: 'Guidance must be 1–10 for this model.' }
    });
    const unauthorised = await new AiClient({ proxyUrl, token: 'nope' })
      .providers()
      .catch((caught: unknown) => caught as AiClientError);
    expect(unauthorised).toMatchObject({ status: 401, code: 'unauthorized' });
    const offline = await new AiClient({ proxyUrl: 'http://127.0.0.1:1', token: 'x' })
      .budget()
      .catch((caught: unknown) => caught as AiClientError);
    expect(offline).toMatchObject({ code: 'offline' });
  });
});
