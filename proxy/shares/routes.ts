import { randomBytes } from 'node:crypto';
import { Hono, type Context, type Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  COMMENTS_PAGE,
  expiryMs,
  ShareCommentBodySchema,
  shareExpiries,
  ShareExpirySchema,
  ShareIdSchema,
  type ShareCreated,
  type ShareExpiry,
  type SharePolicy
} from '../../src/lib/core/share/api';
import type { RateLimit } from '../http/rate-limit';
import { hashToken, type UserDirectory } from '../auth/users';
import { jsonError } from '../http/errors';
import { validateJson } from '../http/validate';
import type { Sql } from '../db/sql';
import type { BlobStore } from '../storage/blob-store';
import {
  addComment,
  deleteComment,
  findShare,
  usedBytes,
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
  /** Uploads without a user's token: null refuses them, else each address may hold this many bytes. */
  anonymousQuotaBytes: number | null;
  /** The longest a board may live; null also allows `never`. */
  maxExpiryDays: number | null;
  /** The client's address as quotas and limits count it (trusting only configured proxies). */
  addressOf: (c: Context) => string;
  /** Comments posted per address and per board, each in its own window. */
  commentLimits: { perAddress: RateLimit; perLink: RateLimit };
  maxComments: number;
  /** Epoch ms; injectable so expiry can be tested without waiting a day. */
  now: () => number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** 16 random bytes: 128 bits, as the link's path segment. */
const newShareId = (): string => randomBytes(16).toString('base64url');
const newOwnerToken = (): string => `iso_${randomBytes(32).toString('base64url')}`;

/** Who pays for an upload's bytes, and how many they may hold; undefined when anonymous uploads are off. */
function ownerOf(c: Context, deps: ShareDeps): { owner: string; quota: number } | undefined {
  const user = deps.users?.authenticate(c.req.header('authorization'));
  if (user) return { owner: `user:${user.name}`, quota: deps.userQuotaBytes };
  if (deps.anonymousQuotaBytes === null) return undefined;
  return { owner: `addr:${deps.addressOf(c)}`, quota: deps.anonymousQuotaBytes };
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
  const boardLimit = bodyLimit({ maxSize: deps.maxShareBytes, onError: (c) => tooLarge(c) });
  const overQuota = (c: Context, used: number, quota: number) =>
    jsonError(
      c,
      413,
      'share_quota_exceeded',
      `Your shared boards already use ${mb(used)} of ${mb(quota)}. Revoke an old board or choose a smaller image size.`
    );
  const readBody = async (c: Context) => new Uint8Array(await c.req.arrayBuffer());
  const allowed: ShareExpiry[] = shareExpiries.filter((expiry) => {
    const ms = expiryMs[expiry];
    return deps.maxExpiryDays === null || (ms !== null && ms <= deps.maxExpiryDays * 86_400_000);
  });
  const expiryFrom = (c: Context, now: number) => {
    const parsed = ShareExpirySchema.safeParse(c.req.query('expiry') ?? '7d');
    if (!parsed.success || !allowed.includes(parsed.data)) return undefined;
    return { expiresAt: expiryMs[parsed.data] === null ? null : now + expiryMs[parsed.data]! };
  };
  const badExpiry = (c: Context) =>
    jsonError(
      c,
      400,
      'invalid_request',
      `This server keeps shared boards for ${allowed.join(', ')} at most; choose one of those.`,
      { expiry: 'Invalid.' }
    );
  /**
   * Refuses an upload from its headers alone, before a byte of its body is read: no length, over the per-board
   * limit, or over what the owner may still hold. The transaction after the read checks the quota again.
   */
  const precheck = async (c: Context, owner: string, quota: number, except?: ShareRecord) => {
    const length = Number(c.req.header('content-length'));
    if (!c.req.header('content-length') || !Number.isSafeInteger(length))
      return jsonError(c, 411, 'length_required', 'Send the board with a Content-Length.');
    if (length > deps.maxShareBytes) return tooLarge(c);
    const used = (await usedBytes(deps.sql, owner, deps.now())) - (except?.bytes ?? 0);
    return used + length > quota ? overQuota(c, used, quota) : undefined;
  };
  const tooLarge = (c: Context) =>
    jsonError(
      c,
      413,
      'share_too_large',
      `This board is larger than the ${mb(deps.maxShareBytes)} a shared board may be. Choose a smaller image size or fewer images.`
    );
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

  app.get('/', (c) => {
    const body: SharePolicy = {
      anonymous: deps.anonymousQuotaBytes !== null,
      maxBytes: deps.maxShareBytes,
      expiries: allowed
    };
    return c.json(body);
  });

  app.post('/', async (c, next) => {
    const payer = ownerOf(c, deps);
    if (!payer)
      return jsonError(
        c,
        401,
        'sign_in_required',
        'This server shares boards only for its users: paste your token in Settings → AI proxy.'
      );
    if (!expiryFrom(c, deps.now())) return badExpiry(c);
    return (await precheck(c, payer.owner, payer.quota)) ?? next();
  });
  app.post('/', boardLimit, async (c) => {
    const now = deps.now();
    const expiry = expiryFrom(c, now)!;
    const payer = ownerOf(c, deps)!;
    const bytes = await readBody(c);
    if (!bytes.byteLength) return jsonError(c, 400, 'invalid_request', 'The board is empty.');
    const id = newShareId();
    const ownerToken = newOwnerToken();
    const result = await insertShare(
      deps.sql,
      {
        id,
        owner: payer.owner,
        ownerTokenHash: hashToken(ownerToken),
        bytes: bytes.byteLength,
        ...expiry
      },
      payer.quota,
      now
    );
    if (result.kind === 'over_quota') return overQuota(c, result.usedBytes, payer.quota);
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

  const quotaOf = (share: ShareRecord) =>
    share.owner.startsWith('user:') ? deps.userQuotaBytes : (deps.anonymousQuotaBytes ?? 0);
  app.put('/:id', async (c, next) => {
    const share = await owned(c);
    if (share instanceof Response) return share;
    if (c.req.query('expiry') && !expiryFrom(c, deps.now())) return badExpiry(c);
    return (await precheck(c, share.owner, quotaOf(share), share)) ?? next();
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
      quotaOf(share),
      now
    );
    if (result.kind === 'over_quota') return overQuota(c, result.usedBytes, quotaOf(share));
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
    const after = Number(c.req.query('after') ?? 0);
    const limit = Number(c.req.query('limit') ?? COMMENTS_PAGE);
    if (
      !Number.isSafeInteger(after) ||
      after < 0 ||
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > COMMENTS_PAGE
    )
      return jsonError(c, 400, 'invalid_request', `after must be a comment id; limit 1 to ${COMMENTS_PAGE}.`);
    return c.json(await listComments(deps.sql, id, after, limit));
  });

  app.delete('/:id/comments/:comment', async (c) => {
    const share = await owned(c);
    if (share instanceof Response) return share;
    const comment = Number(c.req.param('comment'));
    if (!Number.isSafeInteger(comment) || comment < 1)
      return jsonError(c, 400, 'invalid_request', 'Not a comment id.', { comment: 'Invalid.' });
    return (await deleteComment(deps.sql, share.id, comment))
      ? c.body(null, 204)
      : jsonError(c, 404, 'comment_not_found', 'There is no such comment on this board.');
  });

  /** Before the body is read: a board's link and an address each get so many comments per window. */
  const commentRate = async (c: Context, next: Next) => {
    const id = c.req.param('id') ?? '';
    for (const [limit, key, who] of [
      [deps.commentLimits.perAddress, deps.addressOf(c), 'from your address'],
      [deps.commentLimits.perLink, id, 'on this board']
    ] as const) {
      const wait = await limit.hit(key);
      if (wait !== undefined) {
        c.header('Retry-After', String(wait));
        return jsonError(c, 429, 'rate_limited', `Too many comments ${who}; try again in ${wait} s.`);
      }
    }
    return next();
  };

  app.post('/:id/comments', commentRate, validateJson(ShareCommentBodySchema), async (c) => {
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
