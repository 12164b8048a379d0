import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShareCommentsSchema, ShareCreatedSchema, SharePolicySchema } from '../../src/lib/core/share/api';
import { migrate } from '../db/migrate';
import { openPglite, type Sql } from '../db/sql';
import { memoryRateLimit } from '../http/rate-limit';
import { filesystemStore } from '../storage/blob-store';
import { onLoopback, type Loopback } from '../testing/loopback';
import { appWithShares } from '../testing/shares-harness';
import type { ShareDeps } from './routes';

/** Sends only a request's head (a body is promised, never sent) and resolves with the status line, if any comes. */
function headThenStall(port: number, head: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.split('\r\n')[0]!);
      }
    });
    socket.setTimeout(5_000, () => {
      socket.destroy();
      resolve('(no answer)');
    });
  });
}

describe('shared boards against abuse, on a real socket', () => {
  let sql: Sql;
  let dir: string;
  const servers: Loopback[] = [];
  beforeAll(async () => {
    sql = await openPglite();
    await migrate(sql);
    dir = mkdtempSync(join(tmpdir(), 'shares-abuse-'));
  }, 120_000);
  afterAll(async () => {
    for (const server of servers) await server.close();
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const start = async (overrides: Partial<ShareDeps> = {}) => {
    const server = await onLoopback(appWithShares(sql, filesystemStore(dir), overrides).app);
    servers.push(server);
    return server;
  };
  const upload = (server: Loopback, bytes: number, headers: Record<string, string> = {}, expiry = '7d') =>
    server.request(`/api/shares?expiry=${expiry}`, {
      method: 'POST',
      body: new Uint8Array(bytes).fill(9),
      headers
    });

  it('refuses an anonymous upload over the address quota from its headers, before reading the body', async () => {
    const server = await start({ anonymousQuotaBytes: 10_000, maxShareBytes: 8_000 });
    const from = { 'x-forwarded-for': '203.0.113.7' };
    expect((await upload(server, 8_000, from)).status).toBe(201);
    // 8,000 held + 5,000 promised > 10,000: the answer comes though the body never does.
    const status = await headThenStall(
      server.port,
      'POST /api/shares?expiry=7d HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.7\r\n' +
        'Content-Type: application/octet-stream\r\nContent-Length: 5000\r\n\r\n'
    );
    expect(status).toBe('HTTP/1.1 413 Payload Too Large');
    // Another address behind the trusted proxy has its own quota; a board over the per-board limit never starts.
    expect((await upload(server, 5_000, { 'x-forwarded-for': '198.51.100.9' })).status).toBe(201);
    const stalled = await headThenStall(
      server.port,
      'POST /api/shares HTTP/1.1\r\nHost: x\r\nContent-Length: 9000\r\n\r\n'
    );
    expect(stalled).toBe('HTTP/1.1 413 Payload Too Large');
  });

  it('needs a length, and a user when anonymous uploads are off', async () => {
    const off = await start({ anonymousQuotaBytes: null });
    const refused = await upload(off, 10);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('sign_in_required');
    expect(SharePolicySchema.parse(await (await off.request('/api/shares')).json()).anonymous).toBe(false);
  });

  it('caps the expiry: never and anything past the cap are refused, and the policy says what is allowed', async () => {
    const server = await start({ maxExpiryDays: 30 });
    expect((await upload(server, 10, {}, 'never')).status).toBe(400);
    expect((await upload(server, 10, {}, '90d')).status).toBe(400);
    expect((await upload(server, 10, {}, '30d')).status).toBe(201);
    expect(SharePolicySchema.parse(await (await server.request('/api/shares')).json()).expiries).toEqual([
      '1d',
      '7d',
      '30d'
    ]);
  });

  it('rate-limits 1,000 comments from one address, pages the list, and lets only the owner delete one', async () => {
    const server = await start({
      maxComments: 2_000,
      commentLimits: {
        perAddress: memoryRateLimit({ name: 'a', perWindow: 30, windowMs: 3_600_000 }),
        perLink: memoryRateLimit({ name: 'l', perWindow: 45, windowMs: 3_600_000 })
      }
    });
    const created = ShareCreatedSchema.parse(await (await upload(server, 100)).json());
    const url = `/api/shares/${created.id}/comments`;
    const comment = (from: string) =>
      server.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ sealed: 'A'.repeat(16_000) })
      });
    const statuses: number[] = [];
    for (let batch = 0; batch < 1_000; batch += 50)
      statuses.push(
        ...(await Promise.all(Array.from({ length: 50 }, () => comment('192.0.2.1')))).map((r) => r.status)
      );
    expect(statuses.filter((status) => status === 201)).toHaveLength(30);
    expect(statuses.filter((status) => status === 429)).toHaveLength(970);
    // Other addresses still get through, until the board's own limit.
    const others = await Promise.all(Array.from({ length: 20 }, (_, i) => comment(`192.0.2.${i + 10}`)));
    expect(others.filter((response) => response.status === 201)).toHaveLength(15);

    const pages: number[][] = [];
    for (let after: number | null = 0; after !== null;) {
      const page = ShareCommentsSchema.parse(
        await (await server.request(`${url}?after=${after}&limit=20`)).json()
      );
      pages.push(page.comments.map((entry) => entry.id));
      after = page.next;
    }
    expect(pages.map((page) => page.length)).toEqual([20, 20, 5]);
    const victim = pages[0]![3]!;
    const remove = (token?: string) =>
      server.request(`${url}/${victim}`, {
        method: 'DELETE',
        headers: token ? { 'x-owner-token': token } : {}
      });
    expect((await remove()).status).toBe(403);
    expect((await remove('iso_guess')).status).toBe(403);
    expect((await remove(created.ownerToken)).status).toBe(204);
    expect((await remove(created.ownerToken)).status).toBe(404);
    const first = ShareCommentsSchema.parse(await (await server.request(`${url}?limit=100`)).json());
    expect(first.comments.map((entry) => entry.id)).not.toContain(victim);
    expect(first.comments).toHaveLength(44);
  }, 60_000);
});
