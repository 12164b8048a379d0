/**
 * A fixed window per user (a minute unless told), in this process. With several instances behind a balancer
 * each applies it on its own, which bounds a user at instances × limit: acceptable for a cost guard, since the
 * ledger budget is the hard limit and it is shared.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perWindow: number,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 60_000
  ) {}

  /** Undefined when allowed; otherwise the seconds until the window resets. */
  take(user: string): number | undefined {
    const now = this.now();
    const window = this.windows.get(user);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.set(user, { start: now, count: 1 });
      return undefined;
    }
    if (window.count >= this.perWindow) return Math.ceil((window.start + this.windowMs - now) / 1000);
    window.count++;
    return undefined;
  }
}
