import type { ProxyConfig } from '../config';
import { redact } from '../http/redact';

export type Log = (line: string) => void;

/** Everything secret in the configuration: provider keys, the SMTP password, the S3 secret key. */
export const configSecrets = (config: Pick<ProxyConfig, 'providerKeys' | 'notify' | 'shares'>): string[] =>
  [
    ...Object.values(config.providerKeys),
    config.notify.smtp?.pass,
    config.shares.s3?.credentials?.secretAccessKey
  ].filter((secret): secret is string => Boolean(secret));

/** The server's log: every line goes through `redact` with every configured secret before it is written. */
export const serverLog =
  (secrets: readonly string[], sink: Log): Log =>
  (line) =>
    sink(redact(line, secrets));
