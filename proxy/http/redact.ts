/** A run of this many characters of a secret (or of one of its encodings) is enough to redact. */
const FRAGMENT = 8;
const MARK = '[redacted]';

const percentEach = (bytes: Buffer, hex: (byte: number) => string) =>
  [...bytes].map((byte) => `%${hex(byte)}`).join('');

/**
 * The characters of the secret's base64 that depend on its bytes alone, when `shift` other bytes come before
 * it: so a secret inside a longer encoded text (`Basic user:key`, SMTP `AUTH PLAIN \0user\0pass`) still matches.
 */
function base64Core(bytes: Buffer, shift: number): string {
  const encoded = Buffer.concat([Buffer.alloc(shift), bytes])
    .toString('base64')
    .replace(/=+$/, '');
  return encoded.slice(Math.ceil((shift * 8) / 6), Math.floor(((shift + bytes.length) * 8) / 6));
}

/** Every form a secret takes in text we have seen providers and mail servers echo. */
function forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = [0, 1, 2].map((shift) => base64Core(bytes, shift));
  return [
    secret,
    encodeURIComponent(secret),
    percentEach(bytes, (byte) => byte.toString(16).padStart(2, '0').toUpperCase()),
    percentEach(bytes, (byte) => byte.toString(16).padStart(2, '0')),
    bytes.toString('hex'),
    bytes.toString('base64'),
    ...base64,
    ...base64.map((text) => text.replace(/\+/g, '-').replace(/\//g, '_'))
  ];
}

function markAll(text: string, needle: string, marked: Uint8Array): void {
  if (!needle) return;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1))
    marked.fill(1, at, at + needle.length);
}

/**
 * The one redaction for everything the server writes or answers: each secret, in plain text, URL-encoded,
 * hex or base64 (standard and URL-safe, at any byte alignment), and any run of 8 or more characters of one of
 * those forms, becomes `[redacted]`. Forms shorter than that are redacted only whole.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  const marked = new Uint8Array(text.length);
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of forms(secret)) {
      if (form.length < FRAGMENT) {
        // A short password's encodings are short too: matched whole, down to 4 characters of base64.
        if (form === secret || form.length >= 4) markAll(text, form, marked);
        continue;
      }
      for (let start = 0; start + FRAGMENT <= form.length; start++)
        markAll(text, form.slice(start, start + FRAGMENT), marked);
    }
  }
  if (!marked.includes(1)) return text;
  let out = '';
  for (let at = 0; at < text.length;) {
    if (!marked[at]) {
      out += text[at++];
      continue;
    }
    while (marked[at]) at++;
    out += MARK;
  }
  return out;
}
