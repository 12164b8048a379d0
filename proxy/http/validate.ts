import type { Context, Next } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { jsonError } from './errors';
import { readJsonBody } from './json-body';

/** 400 naming each invalid field with its first problem. */
function invalid(c: Context, issues: readonly z.core.$ZodIssue[]) {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.path.map(String).join('.') || '(body)'] ??= issue.message;
  const first = Object.entries(fields)[0];
  return jsonError(
    c,
    400,
    'invalid_request',
    first ? `${first[0]}: ${first[1]}` : 'Invalid request.',
    fields
  );
}

/** Path parameters checked before a route uses them: a malformed one is a 400, never a failed query. */
export const validateParams = <Schema extends z.ZodType>(schema: Schema) =>
  validator('param', (value, c) => {
    const result = schema.safeParse(value);
    return result.success ? (result.data as z.output<Schema>) : invalid(c, result.error.issues);
  });

/**
 * Validates a JSON body against the same zod schema the client builds its request from, after `readJsonBody`'s
 * rules (415, 413 even when chunked, 400 for U+0000 and lone surrogates).
 */
export function validateJson<Schema extends z.ZodType>(schema: Schema) {
  const check = validator('json', (value, c) => {
    const result = schema.safeParse(value);
    return result.success ? (result.data as z.output<Schema>) : invalid(c, result.error.issues);
  });
  const guarded = async (c: Context, next: Next): Promise<Response | void> => {
    const body = await readJsonBody(c);
    if (body instanceof Response) return body;
    // Hono's validator reads the body through its cache; the checked text is all there is to read.
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(body.text);
    return (await check(c, next)) as Response | void;
  };
  return guarded as unknown as typeof check;
}
