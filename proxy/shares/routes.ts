import { randomBytes } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  expiryMs,
  ShareCommentBodySchema,
  ShareExpirySchema,
  ShareIdSchema,
  type ShareCreated
} from '../../src/lib/core/share/api';
import { hashToken, type UserDirectory } from '../auth/users';
import { jsonError } from '../http/errors';
import { validateJson } from '../http/validate';
import type { Sql } from '../db/sql';
import type { BlobStore } from '../storage/blob-store';
import {
  addComment,
  findShare,
  insertShare,
  listComments,
  revokeShare,
  updateShare,
  type ShareRecord
} from './records';

export interface ShareDeps {
  sql: Sql;
  store: BlobStore;
  /** AI users: a signed-in uploader's shares count against their name instead of their address. */
  users?: Pick<UserDirectory, 'authenticate'>;
  maxShareBytes: number;
  userQuotaBytes: number;
  maxComments: number;
  /** Epoch ms; injectable so expiry can be tested without waiting a day. */
  now: () => number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** 16 random bytes: 128 bits, as the link's path segment. */
const newShareId = (): string => randomBytes(16).toString('base64url');
const newOwnerToken = (): string => `iso_${randomBytes(32).toString('base64url')}`;

function ownerOf(c: Context, users: Pick<UserDirectory, 'authenticate'> | undefined): string {
  const user = users?.authenticate(c.req.header('authorization'));
  if (user) return `user:${user.name}`;
  try {
    return `addr:${getConnInfo(c).remote.address ?? 'unknown'}`;
  } catch {
    // Requests made in-process (tests) have no socket.
    return 'addr:local';
  }
}

/** The share as a viewer may see it: 404 unknown, 410 revoked or expired (told apart by the code). */
function gone(c: Context, share: ShareRecord | undefined, now: number) {
  if (!share) return jsonError(c, 404, 'share_not_found', 'There is no shared board at this link.');
  if (share.revokedAt !== null)
    return jsonError(c, 410, 'share_revoked', 'This board was revoked by the person who shared it.');
  if (share.purgedAt !== null || (share.expiresAt !== null && share.expiresAt <= now))
    return jsonError(c, 410, 'share_expired', 'This board has expired and is no longer available.');
  return undefined;
}

/** The /api/shares routes: sealed boards in, sealed boards out; the server never sees a key. */
export function shareRoutes(deps: ShareDeps): Hono {
  const app = new Hono();
  const boardLimit = bodyLimit({
    maxSize: deps.maxShareBytes,
    onError: (c) =>
      jsonError(
        c,
        413,
        'share_too_large',
        `This board is larger than the ${mb(deps.maxShareBytes)} a shared board may be. Choose a smaller image size or fewer images.`
      )
  });
  const overQuota = (c: Context, used: number) =>
    jsonError(
      c,
      413,
      'share_quota_exceeded',
      `Your shared boards already use ${mb(used)} of ${mb(deps.userQuotaBytes)}. Revoke an old board or choose a smaller image size.`
    );
  const readBody = async (c: Context) => new Uint8Array(await c.req.arrayBuffer());
  const expiryFrom = (c: Context, now: number) => {
    const parsed = ShareExpirySchema.safeParse(c.req.query('expiry') ?? '7d');
    return parsed.success
      ? { expiresAt: expiryMs[parsed.data] === null ? null : now + expiryMs[parsed.data]! }
      : undefined;
  };
  const badExpiry = (c: Context) =>
    jsonError(c, 400, 'invalid_request', 'expiry must be one of 1d, 7d, 30d or never.', {
      expiry: 'Invalid.'
    });
  /** The share if the request carries its owner token; else the response to send. */
  async function owned(c: Context): Promise<ShareRecord | Response> {
    const id = c.req.param('id') ?? '';
    const share = ShareIdSchema.safeParse(id).success ? await findShare(deps.sql, id) : undefined;
    const refusal = gone(c, share, deps.now());
    if (refusal) return refusal;
    const token = c.req.header('x-owner-token');
    if (!token || hashToken(token) !== share!.ownerTokenHash)
      return jsonError(c, 403, 'not_owner', 'Only the person who shared this board can change or revoke it.');
    return share!;
  }

  app.post('/', boardLimit, async (c) => {
    const now = deps.now();
    const expiry = expiryFrom(c, now);
    if (!expiry) return badExpiry(c);
    const bytes = await readBody(c);
    if (!bytes.byteLength) return jsonError(c, 400, 'invalid_request', 'The board is empty.');
    const id = newShareId();
    const ownerToken = newOwnerToken();
    const result = await insertShare(
      deps.sql,
      {
        id,
        owner: ownerOf(c, deps.users),
        ownerTokenHash: hashToken(ownerToken),
        bytes: bytes.byteLength,
        ...expiry
      },
      deps.userQuotaBytes,
      now
    );
    if (result.kind === 'over_quota') return overQuota(c, result.usedBytes);
    try {
      await deps.store.put(id, bytes);
    } catch (error) {
      await revokeShare(deps.sql, id, now);
      throw error;
    }
    const body: ShareCreated = {
      id,
      ownerToken,
      version: result.value.version,
      expiresAt: result.value.expiresAt,
      bytes: bytes.byteLength
    };
    return c.json(body, 201);
  });

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const share = ShareIdSchema.safeParse(id).success ? await findShare(deps.sql, id) : undefined;
    const refusal = gone(c, share, deps.now());
    if (refusal) return refusal;
    const bytes = await deps.store.get(id);
    if (!bytes) return jsonError(c, 410, 'share_expired', 'This board is no longer available.');
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/octet-stream',
      'cache-control': 'no-store',
      'x-share-version': String(share!.version),
      'x-share-expires-at': share!.expiresAt === null ? 'never' : String(share!.expiresAt)
    });
  });

  app.put('/:id', boardLimit, async (c) => {
    const share = await owned(c);
    if (share instanceof Response) return share;
    const now = deps.now();
    const expiry = c.req.query('expiry') ? expiryFrom(c, now) : { expiresAt: share.expiresAt };
    if (!expiry) return badExpiry(c);
    const bytes = await readBody(c);
    if (!bytes.byteLength) return jsonError(c, 400, 'invalid_request', 'The board is empty.');
    const result = await updateShare(
      deps.sql,
      share,
      { bytes: bytes.byteLength, ...expiry },
      deps.userQuotaBytes,
      now
    );
    if (result.kind === 'over_quota') return overQuota(c, result.usedBytes);
    await deps.store.put(share.id, bytes);
    return c.json({
      id: share.id,
      version: result.value.version,
      expiresAt: result.value.expiresAt,
      bytes: bytes.byteLength
    });
  });

  app.delete('/:id', async (c) => {
    const share = await owned(c);
    if (share instanceof Response) return share;
    await revokeShare(deps.sql, share.id, deps.now());
    await deps.store.delete(share.id);
    return c.body(null, 204);
  });

  app.get('/:id/comments', async (c) => {
    const id = c.req.param('id');
    const share = ShareIdSchema.safeParse(id).success ? await findShare(deps.sql, id) : undefined;
    const refusal = gone(c, share, deps.now());
    if (refusal) return refusal;
    return c.json({ comments: await listComments(deps.sql, id) });
  });

  app.post('/:id/comments', validateJson(ShareCommentBodySchema), async (c) => {
    const id = c.req.param('id');
    const share = ShareIdSchema.safeParse(id).success ? await findShare(deps.sql, id) : undefined;
    const now = deps.now();
    const refusal = gone(c, share, now);
    if (refusal) return refusal;
    const commentId = await addComment(deps.sql, id, c.req.valid('json').sealed, deps.maxComments, now);
    if (commentId === undefined)
      return jsonError(c, 413, 'too_many_comments', `This board already has ${deps.maxComments} comments.`);
    return c.json({ id: commentId, createdAt: now }, 201);
  });

  return app;
}
