import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../src/lib/core/api/errors';
import { ShareCommentsSchema, ShareCreatedSchema } from '../../src/lib/core/share/api';
import type { Sql } from '../db/sql';
import { ledgerBackends } from '../testing/db-backends';
import { filesystemStore } from '../storage/blob-store';
import { purgeShares } from './setup';
import { appWithShares } from '../testing/shares-harness';

const DAY = 86_400_000;
const bytes = (length: number, fill = 7) => new Uint8Array(length).fill(fill);

for (const backend of ledgerBackends()) {
  describe(`/api/shares on ${backend.name}`, () => {
    let sql: Sql;
    let dir: string;
    let server: ReturnType<typeof appWithShares>;
    const store = () => filesystemStore(dir);
    beforeAll(async () => {
      sql = await backend.open();
    }, 60_000);
    afterAll(() => backend.dispose(sql));
    beforeEach(async () => {
      await sql.exec('truncate shares cascade');
      dir = mkdtempSync(join(tmpdir(), 'shares-'));
      server = appWithShares(sql, store(), { maxShareBytes: 4_000, userQuotaBytes: 10_000 });
      return () => rmSync(dir, { recursive: true, force: true });
    });

    const create = async (body: Uint8Array, expiry = '7d') => {
      const response = await server.app.request(`/api/shares?expiry=${expiry}`, {
        method: 'POST',
        body: body as BodyInit
      });
      return {
        response,
        created: response.status === 201 ? ShareCreatedSchema.parse(await response.json()) : undefined
      };
    };
    const errorOf = async (response: Response) => ApiErrorSchema.parse(await response.json()).error;

    it('stores the ciphertext and gives it back byte for byte under a 128-bit random id', async () => {
      const { created } = await create(bytes(1_000, 42));
      const again = await create(bytes(10));
      expect(created!.id).toMatch(/^[\w-]{22}$/);
      expect(Buffer.from(created!.id, 'base64url')).toHaveLength(16);
      expect(again.created!.id).not.toBe(created!.id);
      expect(created!.expiresAt).toBe(server.clock.now + 7 * DAY);
      const response = await server.app.request(`/api/shares/${created!.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-share-version')).toBe('1');
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes(1_000, 42));
      expect((await server.app.request(`/api/shares/${'A'.repeat(22)}`)).status).toBe(404);
    });

    it('keeps only a hash of the owner token', async () => {
      const { created } = await create(bytes(100));
      const rows = await sql.query<Record<string, unknown>>('select * from shares');
      expect(JSON.stringify(rows)).not.toContain(created!.ownerToken);
    });

    it('updates in place and revokes only with the owner token (403 otherwise)', async () => {
      const { created } = await create(bytes(100, 1));
      const url = `/api/shares/${created!.id}`;
      for (const headers of [{}, { 'x-owner-token': 'iso_wrong' }] as Record<string, string>[]) {
        const put = await server.app.request(url, { method: 'PUT', body: bytes(50, 2) as BodyInit, headers });
        expect(put.status).toBe(403);
        expect((await errorOf(put)).code).toBe('not_owner');
        expect((await server.app.request(url, { method: 'DELETE', headers })).status).toBe(403);
      }
      const owner = { 'x-owner-token': created!.ownerToken };
      const put = await server.app.request(url, {
        method: 'PUT',
        body: bytes(50, 2) as BodyInit,
        headers: owner
      });
      expect(await put.json()).toMatchObject({ version: 2, bytes: 50 });
      const read = await server.app.request(url);
      expect(read.headers.get('x-share-version')).toBe('2');
      expect(new Uint8Array(await read.arrayBuffer())).toEqual(bytes(50, 2));

      expect((await server.app.request(url, { method: 'DELETE', headers: owner })).status).toBe(204);
      const revoked = await server.app.request(url);
      expect(revoked.status).toBe(410);
      expect(await errorOf(revoked)).toMatchObject({
        code: 'share_revoked',
        message: expect.stringMatching(/revoked/)
      });
      expect(readdirSync(dir)).toEqual([]);
    });

    it('answers 410 share_expired after the expiry, and the purge deletes the blob but keeps the answer', async () => {
      const { created } = await create(bytes(100), '1d');
      const url = `/api/shares/${created!.id}`;
      server.clock.now += DAY - 1;
      expect((await server.app.request(url)).status).toBe(200);
      server.clock.now += 1;
      const expired = await server.app.request(url);
      expect(expired.status).toBe(410);
      expect((await errorOf(expired)).code).toBe('share_expired');
      expect(await purgeShares(sql, store(), server.clock.now)).toBe(1);
      expect(readdirSync(dir)).toEqual([]);
      expect((await errorOf(await server.app.request(url))).code).toBe('share_expired');
      const never = await create(bytes(10), 'never');
      server.clock.now += 1_000 * DAY;
      expect(await purgeShares(sql, store(), server.clock.now)).toBe(0);
      expect((await server.app.request(`/api/shares/${never.created!.id}`)).status).toBe(200);
    });

    it('refuses a board over the per-share limit and uploads over the per-user quota with clear 413s', async () => {
      const tooBig = await create(bytes(4_001));
      expect(tooBig.response.status).toBe(413);
      expect(await errorOf(tooBig.response)).toMatchObject({
        code: 'share_too_large',
        message: expect.stringMatching(/smaller/)
      });
      const first = await create(bytes(4_000));
      await create(bytes(4_000));
      const over = await create(bytes(4_000));
      expect(over.response.status).toBe(413);
      expect(await errorOf(over.response)).toMatchObject({
        code: 'share_quota_exceeded',
        message: expect.stringMatching(/Revoke/)
      });
      await server.app.request(`/api/shares/${first.created!.id}`, {
        method: 'DELETE',
        headers: { 'x-owner-token': first.created!.ownerToken }
      });
      expect((await create(bytes(4_000))).response.status).toBe(201);
      expect((await create(bytes(10), '2d')).response.status).toBe(400);
    });

    it('keeps comments per board, in order, and drops them when the board is revoked', async () => {
      const { created } = await create(bytes(100));
      const url = `/api/shares/${created!.id}/comments`;
      for (const sealed of ['AAAA', 'BBBB']) {
        const response = await server.app.request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ sealed })
        });
        expect(response.status).toBe(201);
      }
      const list = ShareCommentsSchema.parse(await (await server.app.request(url)).json());
      expect(list.comments.map((comment) => comment.sealed)).toEqual(['AAAA', 'BBBB']);
      const bad = await server.app.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sealed: 'not base64url!' })
      });
      expect(bad.status).toBe(400);
      await server.app.request(`/api/shares/${created!.id}`, {
        method: 'DELETE',
        headers: { 'x-owner-token': created!.ownerToken }
      });
      expect((await server.app.request(url)).status).toBe(410);
      expect(await sql.query('select * from share_comments')).toEqual([]);
    });
  });
}
