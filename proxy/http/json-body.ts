import type { Context } from 'hono';
import { brokenTextPath } from '../../src/lib/core/api/text';
import { jsonError } from './errors';

/** Every JSON body the API accepts is small: operations, comments, notices. Images travel as other types. */
export const JSON_LIMIT_BYTES = 64 * 1024;

const isJson = (type: string | undefined) => /^application\/json\s*(;|$)/i.test(type ?? '');

/** Parses JSON text and refuses unusable strings in it; the refusal is a 400 to send. */
export function parseJsonText(c: Context, text: string): { value: unknown } | Response {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return jsonError(c, 400, 'invalid_json', 'The body is not valid JSON.');
  }
  const at = brokenTextPath(value);
  return at
    ? jsonError(c, 400, 'invalid_text', `${at}: text cannot contain U+0000 or an unpaired surrogate.`, {
        [at]: 'Invalid characters.'
      })
    : { value };
}

const tooLarge = (c: Context, limit: number) =>
  jsonError(c, 413, 'payload_too_large', `A JSON body must be under ${Math.round(limit / 1024)} KB.`);

/**
 * Reads a JSON body with the API's rules: 415 unless `Content-Type: application/json`, 413 past `limit` bytes
 * (counted as they arrive, so a chunked body without a length is held to it too), 400 for invalid UTF-8,
 * invalid JSON, or U+0000 / lone surrogates in any string.
 */
export async function readJsonBody(
  c: Context,
  limit = JSON_LIMIT_BYTES
): Promise<{ value: unknown; text: string } | Response> {
  if (!isJson(c.req.header('content-type')))
    return jsonError(
      c,
      415,
      'unsupported_media_type',
      'Send this body as JSON, with the header Content-Type: application/json.'
    );
  if (Number(c.req.header('content-length') ?? 0) > limit) return tooLarge(c, limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = c.req.raw.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
    size += read.value.byteLength;
    if (size > limit) {
      await reader!.cancel();
      return tooLarge(c, limit);
    }
    chunks.push(read.value);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return jsonError(c, 400, 'invalid_json', 'The body is not valid UTF-8.');
  }
  const parsed = parseJsonText(c, text);
  return parsed instanceof Response ? parsed : { value: parsed.value, text };
}
