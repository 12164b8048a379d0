import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const UserSchema = z.object({
  name: z.string().regex(/^[\w.@-]{1,64}$/, 'Use 1–64 letters, digits, dots, dashes, underscores or @.'),
  /** SHA-256 of the token, hex: the token itself is shown once and never stored. */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Monthly AI budget in USD; the server default applies when absent. */
  monthlyBudgetUsd: z.number().nonnegative().optional(),
  /** Where POST /api/notify mails this user; NOTIFY_TO applies when absent. Set by the admin, never by a client. */
  email: z.email().optional(),
  createdAt: z.string(),
  /** ISO time after which the token is refused; never when absent. */
  expiresAt: z.iso.datetime().optional()
});
export type User = z.infer<typeof UserSchema>;

const UsersFileSchema = z.object({ users: z.array(UserSchema) });

/** Tokens are 32 random bytes, so a fast hash is enough: there is nothing to guess from it. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newToken = (): string => `isk_${randomBytes(32).toString('base64url')}`;

export function readUsersFile(path: string): User[] {
  if (!existsSync(path)) return [];
  return UsersFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).users;
}

/**
 * Users from the environment: `AI_USERS="alice:<sha256 of token>[:budget[:email]],bob:…"` (hashes, never
 * tokens), for deployments without a writable disk.
 */
export function parseUsersEnv(value: string | undefined): User[] {
  if (!value?.trim()) return [];
  return value.split(',').map((entry) => {
    const [name, tokenHash, budget, email] = entry.trim().split(':');
    return UserSchema.parse({
      name,
      tokenHash: tokenHash?.toLowerCase(),
      ...(budget ? { monthlyBudgetUsd: Number(budget) } : {}),
      ...(email ? { email } : {}),
      createdAt: 'env'
    });
  });
}

/** Writes the whole file, then renames it over the old one, so a crash leaves the old file. */
function writeUsersFile(path: string, users: User[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

/** Adds a user to the file and returns the token; `expiresDays` makes the token stop working after that many days. */
export function addUser(
  path: string,
  name: string,
  {
    monthlyBudgetUsd,
    email,
    expiresDays
  }: { monthlyBudgetUsd?: number; email?: string; expiresDays?: number } = {},
  now = Date.now()
): string {
  const users = readUsersFile(path);
  if (users.some((user) => user.name === name))
    throw new Error(`A user named "${name}" already exists in ${path}.`);
  const token = newToken();
  const user = UserSchema.parse({
    name,
    tokenHash: hashToken(token),
    ...(monthlyBudgetUsd !== undefined ? { monthlyBudgetUsd } : {}),
    ...(email ? { email } : {}),
    createdAt: new Date(now).toISOString(),
    ...(expiresDays !== undefined
      ? { expiresAt: new Date(now + expiresDays * 86_400_000).toISOString() }
      : {})
  });
  writeUsersFile(path, [...users, user]);
  return token;
}

/** Removes a user from the file: their token stops working within seconds, without a restart. */
export function revokeUser(path: string, name: string): void {
  const users = readUsersFile(path);
  if (!users.some((user) => user.name === name)) throw new Error(`No user named "${name}" in ${path}.`);
  writeUsersFile(
    path,
    users.filter((user) => user.name !== name)
  );
}

/** Looks users up by the hash of the presented token. */
export class UserDirectory {
  private readonly byHash: Map<string, User>;

  constructor(users: User[]) {
    this.byHash = new Map(users.map((user) => [user.tokenHash, user]));
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The user an `Authorization: Bearer <token>` header belongs to, if any and not expired. */
  authenticate(header: string | undefined, now = Date.now()): User | undefined {
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    const user = match?.[1] ? this.byHash.get(hashToken(match[1])) : undefined;
    return user?.expiresAt && Date.parse(user.expiresAt) <= now ? undefined : user;
  }
}

/**
 * The users file plus the environment's users, re-read when the file changes (checked at most every `checkMs`),
 * so `npm run user:add` works without restarting the server.
 */
export class WatchedUserDirectory {
  private directory: UserDirectory;
  private stamp = '';
  private checkedAt = 0;

  constructor(
    private readonly path: string,
    private readonly envUsers: User[],
    private readonly checkMs = 2_000
  ) {
    this.directory = this.load();
  }

  private fileStamp(): string {
    try {
      const stat = statSync(this.path);
      return `${stat.mtimeMs}:${stat.size}`;
    } catch {
      return 'absent';
    }
  }

  private load(): UserDirectory {
    this.stamp = this.fileStamp();
    return new UserDirectory([...readUsersFile(this.path), ...this.envUsers]);
  }

  private current(): UserDirectory {
    const now = Date.now();
    if (now - this.checkedAt >= this.checkMs) {
      this.checkedAt = now;
      if (this.fileStamp() !== this.stamp) this.directory = this.load();
    }
    return this.directory;
  }

  get size(): number {
    return this.current().size;
  }

  authenticate(header: string | undefined): User | undefined {
    return this.current().authenticate(header);
  }
}
