/**
 * Replaces every occurrence of each secret, so an upstream or mail server that echoes a key or a login cannot
 * put it in an answer or a log line.
 */
export const redact = (text: string, secrets: readonly (string | undefined)[]): string =>
  secrets.reduce<string>((out, secret) => (secret ? out.split(secret).join('[redacted]') : out), text);
