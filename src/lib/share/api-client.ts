import { ApiErrorSchema } from '$core/api/errors';
import {
  ShareCommentsSchema,
  ShareCreatedSchema,
  ShareUpdatedSchema,
  type ShareCreated,
  type ShareExpiry
} from '$core/share/api';

/** A refusal from /api/shares with its code (`share_revoked`, `share_expired`, `share_too_large`, …). */
export class ShareApiError extends Error {
  override readonly name = 'ShareApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

async function refusal(response: Response): Promise<ShareApiError> {
  const parsed = ApiErrorSchema.safeParse(await response.json().catch(() => undefined));
  return parsed.success
    ? new ShareApiError(response.status, parsed.data.error.code, parsed.data.error.message)
    : new ShareApiError(response.status, 'http_error', `The server answered ${response.status}.`);
}

async function send(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  if (!response.ok) throw await refusal(response);
  return response;
}

const body = (sealed: Uint8Array) => new Blob([sealed as BlobPart], { type: 'application/octet-stream' });

export async function createShare(sealed: Uint8Array, expiry: ShareExpiry): Promise<ShareCreated> {
  const response = await send(`/api/shares?expiry=${expiry}`, { method: 'POST', body: body(sealed) });
  return ShareCreatedSchema.parse(await response.json());
}

export async function updateShare(id: string, ownerToken: string, sealed: Uint8Array, expiry: ShareExpiry) {
  const response = await send(`/api/shares/${id}?expiry=${expiry}`, {
    method: 'PUT',
    body: body(sealed),
    headers: { 'x-owner-token': ownerToken }
  });
  return ShareUpdatedSchema.parse(await response.json());
}

export async function revokeShare(id: string, ownerToken: string): Promise<void> {
  await send(`/api/shares/${id}`, { method: 'DELETE', headers: { 'x-owner-token': ownerToken } });
}

export async function fetchShare(id: string): Promise<{ sealed: Uint8Array; version: number }> {
  const response = await send(`/api/shares/${id}`, { cache: 'no-store' });
  return {
    sealed: new Uint8Array(await response.arrayBuffer()),
    version: Number(response.headers.get('x-share-version') ?? 1)
  };
}

export async function postComment(id: string, sealed: string): Promise<void> {
  await send(`/api/shares/${id}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sealed })
  });
}

export async function fetchComments(id: string) {
  const response = await send(`/api/shares/${id}/comments`, { cache: 'no-store' });
  return ShareCommentsSchema.parse(await response.json()).comments;
}
