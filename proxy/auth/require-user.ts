import type { MiddlewareHandler } from 'hono';
import { jsonError } from '../http/errors';
import type { User, UserDirectory } from './users';

/** Routes behind a user's Bearer token; the user is `c.get('user')` after this. */
export type UserEnv = { Variables: { user: User } };

const howToGetOne = 'The server’s admin creates one with `npm run user:add -- <name>`.';

/** Why a request was refused: no users at all, a token that matches none, or no token sent. */
function refusal(size: number, header: string | undefined): string {
  if (!size)
    return 'This server has no AI users yet: on the server, run `npm run user:add -- <name>` and paste the token into Settings.';
  if (/^Bearer\s+\S+$/i.test(header ?? ''))
    return `Invalid token: no user of this server has it (mistyped, revoked or expired). ${howToGetOne}`;
  return `Send your token as "Authorization: Bearer <token>". ${howToGetOne}`;
}

/** 401 unless `Authorization: Bearer <token>` belongs to a user; says what was wrong and how to get a token. */
export function requireUser(users: Pick<UserDirectory, 'size' | 'authenticate'>): MiddlewareHandler<UserEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const user = users.authenticate(header);
    if (!user) return jsonError(c, 401, 'unauthorized', refusal(users.size, header));
    c.set('user', user);
    await next();
  };
}
