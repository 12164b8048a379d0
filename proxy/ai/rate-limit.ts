/**
 * A fixed one-minute window per user, in this process. With several instances behind a balancer each applies it
 * on its own, which bounds a user at instances × limit: acceptable for a cost guard, since the ledger budget is
 * the hard limit and it is shared.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now
  ) {}

  /** Undefined when allowed; otherwise the seconds until the window resets. */
  take(user: string): number | undefined {
    const now = this.now();
    const window = this.windows.get(user);
    if (!window || now - window.start >= 60_000) {
      this.windows.set(user, { start: now, count: 1 });
      return undefined;
    }
    if (window.count >= this.perMinute) return Math.ceil((window.start + 60_000 - now) / 1000);
    window.count++;
    return undefined;
  }
}
