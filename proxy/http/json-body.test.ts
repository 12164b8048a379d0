import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { hashToken, UserDirectory } from '../auth/users';
import { readConfig } from '../config';
import { migrate } from '../db/migrate';
import { openPglite, type Sql } from '../db/sql';
import { createNotifyDeps } from '../notify/setup';
import { filesystemStore } from '../storage/blob-store';
import { appWithAi, TEST_TOKEN } from '../testing/ai-harness';
import { onLoopback, type Loopback } from '../testing/loopback';
import { closedPort } from '../testing/smtp-sink';
import { JSON_LIMIT_BYTES } from './json-body';
import { memoryRateLimit } from './rate-limit';

const SHARE = 'A'.repeat(22);
/** Every route that takes a JSON body, with a body it would accept in shape. */
const jsonRoutes: [string, Record<string, unknown>][] = [
  ['/api/ai/estimate', { operation: 'generate', provider: 'stability', model: 'core', prompt: 'boat' }],
  ['/api/ai/run', { operation: 'generate', provider: 'stability', model: 'core', prompt: 'boat' }],
  ['/api/ai/enhance', { prompt: 'boat' }],
  ['/api/notify', { kind: 'batch-finished', batchName: 'Spring', total: 1, succeeded: 1, failed: 0 }],
  [`/api/shares/${SHARE}/comments`, { sealed: 'AAAA' }]
];
const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'idempotency-key': 'k-1' };

/** A POST over a raw socket: chunked (no Content-Length) when `chunks` is given, as a streaming client sends. */
function post(
  server: Loopback,
  path: string,
  headers: Record<string, string>,
  chunks: string[]
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path, method: 'POST', headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }
    );
    // The server may answer and close before every chunk is written: that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('JSON bodies and path parameters, on a real socket', () => {
  let sql: Sql;
  let server: Loopback;
  let dir: string;
  beforeAll(async () => {
    sql = await openPglite();
    await migrate(sql);
    dir = mkdtempSync(join(tmpdir(), 'json-body-'));
    const users = new UserDirectory([
      { name: 'alice', tokenHash: hashToken(TEST_TOKEN), email: 'a@example.test', createdAt: 'test' }
    ]);
    const config = readConfig({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` }, '0');
    const app = createApp({
      version: '0',
      bodyLimitBytes: 1024 * 1024,
      providerKeys: {},
      ai: appWithAi(sql, {}).deps,
      notify: createNotifyDeps(config.notify, users, () => undefined),
      shares: {
        sql,
        store: filesystemStore(dir),
        maxShareBytes: 1024,
        userQuotaBytes: 4096,
        anonymousQuotaBytes: 4096,
        maxExpiryDays: 90,
        addressOf: () => 'local',
        commentLimits: {
          perAddress: memoryRateLimit({ name: 'a', perWindow: 100 }),
          perLink: memoryRateLimit({ name: 'l', perWindow: 100 })
        },
        maxComments: 10,
        now: () => Date.now()
      }
    });
    server = await onLoopback(app);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(jsonRoutes)('%s answers 415 to a JSON body sent as text/plain', async (path, body) => {
    const response = await post(server, path, { ...auth, 'content-type': 'text/plain' }, [
      JSON.stringify(body)
    ]);
    expect(response.status).toBe(415);
    expect(JSON.parse(response.body).error.code).toBe('unsupported_media_type');
  });

  it.each(jsonRoutes)('%s answers 413 to a chunked JSON body over the limit', async (path) => {
    const filler = 'x'.repeat(8 * 1024);
    const chunks = [
      '{"prompt":"',
      ...Array.from({ length: JSON_LIMIT_BYTES / filler.length + 2 }, () => filler),
      '"}'
    ];
    const response = await post(server, path, { ...auth, 'content-type': 'application/json' }, chunks);
    expect(response.status).toBe(413);
  });

  it.each(jsonRoutes)(
    '%s answers 400, never 500, to U+0000 or a lone surrogate in a string',
    async (path, body) => {
      const field = Object.keys(body).find((key) => typeof body[key] === 'string' && key !== 'operation')!;
      for (const bad of ['a\u0000b', 'a\ud800b', '\udfff']) {
        const text = JSON.stringify({ ...body, [field]: bad });
        const response = await post(server, path, { ...auth, 'content-type': 'application/json' }, [text]);
        expect(response.status, `${path} ${JSON.stringify(bad)}`).toBe(400);
        expect(JSON.parse(response.body).error.code).toBe('invalid_text');
      }
    }
  );

  it('answers a malformed path parameter with 400 or 404, never 500', async () => {
    const id = '5f0c7c8e-4f4a-4f7e-9a59-7d1f3c3b2a10';
    const statuses = await Promise.all(
      [
        '/api/ai/jobs/abc',
        `/api/ai/jobs/${id}/outputs/abc`,
        `/api/ai/jobs/abc/outputs/0`,
        `/api/ai/jobs/${id}/outputs/-1`,
        `/api/ai/jobs/${id}/outputs/99999999999999999999`
      ].map(async (path) => [path, (await server.request(path, { headers: auth })).status])
    );
    for (const [path, status] of statuses) expect(status, String(path)).toBe(400);
    expect((await server.request(`/api/ai/jobs/${id}/outputs/0`, { headers: auth })).status).toBe(404);
    expect((await server.request(`/api/ai/jobs/${id}`, { method: 'DELETE', headers: auth })).status).toBe(
      404
    );
    expect((await server.request('/api/shares/abc')).status).toBe(404);
    expect((await server.request('/api/shares/abc/comments')).status).toBe(404);
  });
});
