import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { requireUser, type UserEnv } from './require-user';
import { hashToken, UserDirectory } from './users';

const appFor = (directory: UserDirectory) =>
  new Hono<UserEnv>().use(requireUser(directory)).get('/', (c) => c.text(c.get('user').name));

const refusal = async (directory: UserDirectory, authorization?: string) => {
  const response = await appFor(directory).request('/', {
    headers: authorization ? { authorization } : {}
  });
  expect(response.status).toBe(401);
  return ((await response.json()) as { error: { code: string; message: string } }).error;
};

const alice = new UserDirectory([
  { name: 'alice', tokenHash: hashToken('isk_right'), createdAt: '2026-01-01' }
]);

describe('requireUser', () => {
  it('lets a known token through', async () => {
    expect(
      await (await appFor(alice).request('/', { headers: { authorization: 'Bearer isk_right' } })).text()
    ).toBe('alice');
  });

  it('says a wrong token is invalid, not that none was sent', async () => {
    const error = await refusal(alice, 'Bearer isk_wrong');
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/^Invalid token/);
    expect(error.message).not.toMatch(/Send your token/);
  });

  it('asks for the header when no token was sent', async () => {
    expect((await refusal(alice)).message).toMatch(/Send your token as "Authorization: Bearer <token>"/);
    expect((await refusal(alice, 'isk_right')).message).toMatch(/Send your token/);
  });

  it('says so when the server has no users at all', async () => {
    expect((await refusal(new UserDirectory([]), 'Bearer isk_right')).message).toMatch(/no AI users yet/);
  });
});
