import { createTransport } from 'nodemailer';
import type { NotifyConfig, SmtpSettings } from '../config';
import type { MailText } from './message';

/** Sends one message to one address; rejects with a `MailError`. */
export interface Mailer {
  send(message: MailText & { to: string }): Promise<void>;
}

export type MailFailure = 'timeout' | 'refused' | 'unreachable';

/** Why a message did not go: the message is ours (safe to answer), `detail` is the server's (log only). */
export class MailError extends Error {
  override readonly name = 'MailError';

  constructor(
    readonly reason: MailFailure,
    message: string,
    readonly detail: string
  ) {
    super(message);
  }
}

const reasons: Record<MailFailure, string> = {
  timeout: 'The mail server did not answer in time.',
  refused: 'The mail server refused the message.',
  unreachable: 'The mail server could not be reached.'
};

function classify(error: unknown): MailError {
  const { code, responseCode, message } = error as { code?: string; responseCode?: number; message?: string };
  const reason: MailFailure = responseCode
    ? 'refused'
    : code === 'ETIMEDOUT'
      ? 'timeout'
      : code === 'EAUTH' || code === 'EENVELOPE' || code === 'EMESSAGE'
        ? 'refused'
        : 'unreachable';
  return new MailError(reason, reasons[reason], `${code ?? 'error'}: ${message ?? String(error)}`);
}

/**
 * Nodemailer over SMTP, one connection per message (a batch ends rarely; a pool would hold a socket for
 * nothing). Every phase has the timeout, and the whole send is bounded by it too, so the route answers in time
 * even if the server trickles bytes.
 */
export function smtpMailer(smtp: SmtpSettings, from: string, timeoutMs: number): Mailer {
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true
  });
  return {
    async send(message) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new MailError('timeout', reasons.timeout, `no answer in ${timeoutMs} ms`)),
          timeoutMs
        );
      });
      try {
        await Promise.race([transport.sendMail({ from, ...message }), deadline]);
      } catch (error) {
        throw error instanceof MailError ? error : classify(error);
      } finally {
        clearTimeout(timer);
      }
    }
  };
}

/** The configured mailer, or none when SMTP is not set. */
export const mailerFor = (config: NotifyConfig): Mailer | undefined =>
  config.smtp ? smtpMailer(config.smtp, config.from, config.timeoutMs) : undefined;
