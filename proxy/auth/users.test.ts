import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addUser,
  hashToken,
  parseUsersEnv,
  readUsersFile,
  revokeUser,
  UserDirectory,
  WatchedUserDirectory
} from './users';

describe('users and tokens', () => {
  it('stores only the hash of a new token, in a file only the owner can read', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'users-')), 'data/users.json');
    const token = addUser(path, 'alice', { monthlyBudgetUsd: 25, email: 'alice@example.test' });
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(token);
    expect(text).toContain(hashToken(token));
    expect(statSync(path).mode & 0o077).toBe(0);
    expect(readUsersFile(path)).toMatchObject([
      { name: 'alice', monthlyBudgetUsd: 25, email: 'alice@example.test' }
    ]);
    expect(() => addUser(path, 'mallory', { email: 'not an address' })).toThrow();
    expect(() => addUser(path, 'alice')).toThrow(/already exists/);
  });

  it('authenticates a Bearer token and nothing else', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'users-')), 'users.json');
    const token = addUser(path, 'bob');
    const directory = new UserDirectory(readUsersFile(path));
    expect(directory.authenticate(`Bearer ${token}`)?.name).toBe('bob');
    expect(directory.authenticate(`Bearer ${token}x`)).toBeUndefined();
    expect(directory.authenticate(token)).toBeUndefined();
    expect(directory.authenticate(undefined)).toBeUndefined();
  });

  it('reads hashed users from the environment', () => {
    const hash = hashToken('t1');
    expect(
      parseUsersEnv(`carol:${hash}:5, dan:${hashToken('t2')}, fay:${hashToken('t3')}::fay@example.test`)
    ).toMatchObject([
      { name: 'carol', tokenHash: hash, monthlyBudgetUsd: 5 },
      { name: 'dan' },
      { name: 'fay', email: 'fay@example.test' }
    ]);
    expect(() => parseUsersEnv('eve:not-a-hash')).toThrow();
  });

  it('picks up a user added while the server runs', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'users-')), 'users.json');
    const directory = new WatchedUserDirectory(path, [], 0);
    expect(directory.size).toBe(0);
    const token = addUser(path, 'erin');
    expect(directory.authenticate(`Bearer ${token}`)?.name).toBe('erin');
  });

  it('refuses a token once it has expired', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'users-')), 'users.json');
    const now = Date.parse('2026-12-05T12:00:00Z');
    const token = addUser(path, 'gus', { expiresDays: 30 }, now);
    expect(readUsersFile(path)[0]?.expiresAt).toBe('2027-01-04T12:00:00.000Z');
    const directory = new UserDirectory(readUsersFile(path));
    expect(directory.authenticate(`Bearer ${token}`, now + 29 * 86_400_000)?.name).toBe('gus');
    expect(directory.authenticate(`Bearer ${token}`, now + 30 * 86_400_000)).toBeUndefined();
  });

  it('revokes a user while the server runs, and says so when there is no such user', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'users-')), 'users.json');
    const directory = new WatchedUserDirectory(path, [], 0);
    const kept = addUser(path, 'hal');
    const revoked = addUser(path, 'ida');
    expect(directory.authenticate(`Bearer ${revoked}`)?.name).toBe('ida');
    revokeUser(path, 'ida');
    expect(directory.authenticate(`Bearer ${revoked}`)).toBeUndefined();
    expect(directory.authenticate(`Bearer ${kept}`)?.name).toBe('hal');
    expect(() => revokeUser(path, 'ida')).toThrow(/No user named "ida"/);
  });
});
