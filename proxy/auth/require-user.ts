import type { MiddlewareHandler } from 'hono';
import { jsonError } from '../http/errors';
import type { User, UserDirectory } from './users';

/** Routes behind a user's Bearer token; the user is `c.get('user')` after this. */
export type UserEnv = { Variables: { user: User } };

/** 401 unless `Authorization: Bearer <token>` belongs to a user; says how to get a token either way. */
export function requireUser(users: Pick<UserDirectory, 'size' | 'authenticate'>): MiddlewareHandler<UserEnv> {
  return async (c, next) => {
    const user = users.authenticate(c.req.header('authorization'));
    if (!user) {
      return jsonError(
        c,
        401,
        'unauthorized',
        users.size
          ? 'Send your token as "Authorization: Bearer <token>". The server’s admin creates one with `npm run user:add -- <name>`.'
          : 'This server has no AI users yet: on the server, run `npm run user:add -- <name>` and paste the token into Settings.'
      );
    }
    c.set('user', user);
    await next();
  };
}
