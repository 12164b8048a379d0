import { z } from 'zod';
import { DEFAULT_NAME_TEMPLATE } from '../optimize/file-name';

export { DEFAULT_NAME_TEMPLATE };

/** The placeholders `outputFileName` (core/optimize/file-name.ts) fills in. */
export const nameTokens = ['name', 'preset', 'width', 'height', 'ext'] as const;

const tokenPattern = /\{([^{}]*)\}/g;

/**
 * A naming template as the user types it: only known tokens (a typo like `{size}` would otherwise land in
 * every file name as text), and `{ext}` so every file keeps a usable extension.
 */
export const NameTemplateSchema = z
  .string()
  .trim()
  .min(1, 'The naming template is empty.')
  .max(200, 'The naming template is longer than 200 characters.')
  .superRefine((template, context) => {
    for (const [, token] of template.matchAll(tokenPattern)) {
      if (!(nameTokens as readonly string[]).includes(token ?? '')) {
        context.addIssue({
          code: 'custom',
          message: `Unknown token {${token}}; use ${nameTokens.map((known) => `{${known}}`).join(', ')}.`
        });
      }
    }
    if (!template.includes('{ext}'))
      context.addIssue({ code: 'custom', message: 'Add {ext} to the template.' });
  });

/**
 * Keeps names unique within one export: two sources called photo.jpg must not overwrite each other, so the
 * second gets " (2)" before its extension.
 */
export function uniqueNamer(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    let candidate = name;
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const ext = dot > 0 ? name.slice(dot) : '';
    for (let copy = 2; used.has(candidate.toLowerCase()); copy++) candidate = `${stem} (${copy})${ext}`;
    used.add(candidate.toLowerCase());
    return candidate;
  };
}
