import { Hono } from 'hono';
import { NotifyRequestSchema, type NotifySent, type NotifyStatus } from '../../src/lib/core/api/notify';
import { RateLimiter } from '../http/rate-limit';
import { requireUser, type UserEnv } from '../auth/require-user';
import type { User, UserDirectory } from '../auth/users';
import { jsonError } from '../http/errors';
import { validateJson } from '../http/validate';
import { redact } from '../http/redact';
import { MailError, type Mailer } from './mailer';
import { batchFinishedMail } from './message';

export interface NotifyDeps {
  users: Pick<UserDirectory, 'size' | 'authenticate'>;
  /** Absent when SMTP is not configured. */
  mailer?: Mailer;
  /** Recipient for users without an address of their own (NOTIFY_TO). */
  defaultTo?: string;
  ratePerHour: number;
  /** Scrubbed from every log line (the SMTP password, the login). */
  secrets: (string | undefined)[];
  log: (line: string) => void;
  now?: () => number;
}

/**
 * /api/notify: mails the signed-in user, at the address the server holds for them, about their own batch. The
 * client sends counts and a name, never an address or a text, so the route cannot be used as a relay.
 */
export function notifyRoutes(deps: NotifyDeps): Hono<UserEnv> {
  const app = new Hono<UserEnv>();
  const limiter = new RateLimiter(deps.ratePerHour, deps.now, 3_600_000);
  const recipient = (user: User) => user.email ?? deps.defaultTo;

  app.use('*', requireUser(deps.users));

  app.get('/', (c) => {
    const to = recipient(c.get('user'));
    const body: NotifyStatus = { configured: Boolean(deps.mailer), ...(to ? { to } : {}) };
    return c.json(body);
  });

  const mailer = deps.mailer;
  if (!mailer) {
    app.post('/', (c) =>
      jsonError(
        c,
        503,
        'notify_not_configured',
        'This server does not send e-mail: its admin sets SMTP_URL (or SMTP_HOST) to turn it on.'
      )
    );
    return app;
  }

  app.post('/', validateJson(NotifyRequestSchema), async (c) => {
    const user = c.get('user');
    const to = recipient(user);
    if (!to)
      return jsonError(
        c,
        503,
        'notify_no_recipient',
        `The server has no e-mail address for ${user.name}: its admin adds one to the user (or sets NOTIFY_TO).`
      );
    const wait = limiter.take(user.name);
    if (wait !== undefined) {
      c.header('Retry-After', String(wait));
      return jsonError(c, 429, 'rate_limited', `Too many e-mails; try again in ${wait} s.`);
    }
    try {
      await mailer.send({ to, ...batchFinishedMail(c.req.valid('json')) });
    } catch (error) {
      const failure =
        error instanceof MailError ? error : new MailError('unreachable', 'Sending failed.', String(error));
      deps.log(
        `[notify] mail for ${user.name} failed (${failure.reason}): ${redact(failure.detail, deps.secrets)}`
      );
      return jsonError(c, 502, 'smtp_failed', `${failure.message} No e-mail was sent.`);
    }
    const body: NotifySent = { sent: true, to };
    return c.json(body);
  });

  return app;
}
