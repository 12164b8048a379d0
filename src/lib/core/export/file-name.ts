import { z } from 'zod';

export const DEFAULT_NAME_TEMPLATE = '{name}_{preset}_{width}x{height}.{ext}';

export const nameTokens = ['name', 'preset', 'platform', 'width', 'height', 'ext', 'n'] as const;
export type NameToken = (typeof nameTokens)[number];
export type NameValues = Record<NameToken, string | number>;

const tokenPattern = /\{([^{}]*)\}/g;

/** A naming template: only known tokens, and `{ext}` so every file keeps a usable extension. */
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

/** Characters that are illegal or troublesome in file names on Windows, macOS or inside a ZIP. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const unsafe = /[\\/:*?"<>|\u0000-\u001f]+/g;

export function safeNamePart(value: string): string {
  return value.replace(unsafe, '-').replace(/\s+/g, ' ').trim() || 'image';
}

/** The file's name without its extension (what `{name}` stands for). */
export function baseName(fileName: string): string {
  return fileName.replace(/\.[^./\\]+$/, '') || fileName;
}

export function renderFileName(template: string, values: NameValues): string {
  const rendered = template.replace(tokenPattern, (whole, token: string) =>
    token in values ? safeNamePart(String(values[token as NameToken])) : whole
  );
  return safeNamePart(rendered);
}

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
