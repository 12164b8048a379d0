import { validator } from 'hono/validator';
import type { z } from 'zod';
import { jsonError } from './errors';

/** Validates a JSON body against the same zod schema the client builds its request from. */
export function validateJson<Schema extends z.ZodType>(schema: Schema) {
  return validator('json', (value, c) => {
    const result = schema.safeParse(value);
    if (result.success) return result.data as z.output<Schema>;
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.join('.') || '(body)';
      fields[path] ??= issue.message;
    }
    const first = Object.entries(fields)[0];
    return jsonError(
      c,
      400,
      'invalid_request',
      first ? `${first[0]}: ${first[1]}` : 'Invalid request.',
      fields
    );
  });
}
