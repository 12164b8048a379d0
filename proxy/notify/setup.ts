import type { UserDirectory } from '../auth/users';
import type { NotifyConfig } from '../config';
import type { Sql } from '../db/sql';
import { mailerFor } from './mailer';
import type { NotifyDeps } from './routes';

/** The notify routes' dependencies: the AI users, and a mailer when SMTP is configured. */
export const createNotifyDeps = (
  config: NotifyConfig,
  users: Pick<UserDirectory, 'size' | 'authenticate'>,
  log: (line: string) => void,
  sql?: Sql
): NotifyDeps => ({
  sql,
  users,
  mailer: mailerFor(config),
  defaultTo: config.to,
  ratePerHour: config.ratePerHour,
  secrets: [config.smtp?.pass],
  log
});
