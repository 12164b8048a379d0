/** A NUL or a UTF-16 surrogate with no partner: text PostgreSQL cannot store and no user meant to type. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const BROKEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BROKEN_ALL = new RegExp(BROKEN.source, 'g');

/** The text with every NUL dropped and every lone surrogate replaced by U+FFFD, safe to store. */
export const cleanText = (text: string): string =>
  text.replace(BROKEN_ALL, (match) => (match === '\u0000' ? '' : '\uFFFD'));

/** The path (`prompt`, `references.0.part`) of the first string in `value` holding broken text, if any. */
export function brokenTextPath(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return BROKEN.test(value) ? path.join('.') || '(body)' : undefined;
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (BROKEN.test(key)) return [...path, '(key)'].join('.');
    const found = brokenTextPath(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** JSON for storage: every string in `value` cleaned first (JSON's own escapes would carry NULs through). */
export const cleanJson = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? cleanText(item) : item));
