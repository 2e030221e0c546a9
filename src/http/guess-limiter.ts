/**
 * Counts failed code lookups (well-formed codes that match no pass: what guessing
 * produces) per API key, per user and per address, and shuts a source out for the rest
 * of its window once it has failed too often. With 2 million live passes among 31^13
 * possible codes, 20 failures per 10 minutes leave a guesser about one chance in ten
 * million per year. Memory stays bounded: expired windows are swept as they are met.
 */
export class GuessLimiter {
  private readonly windows = new Map<string, { failures: number; resetAt: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until the first of these sources may try again, or 0 if none is shut out. */
  retryAfterMs(sources: string[], now = Date.now()): number {
    let wait = 0;
    for (const s of sources) {
      const w = this.windows.get(s);
      if (!w) continue;
      if (w.resetAt <= now) this.windows.delete(s);
      else if (w.failures >= this.maxFailures) wait = Math.max(wait, w.resetAt - now);
    }
    return wait;
  }

  fail(sources: string[], now = Date.now()): void {
    for (const s of sources) {
      const w = this.windows.get(s);
      if (!w || w.resetAt <= now) this.windows.set(s, { failures: 1, resetAt: now + this.windowMs });
      else w.failures++;
    }
    if (this.windows.size > 100_000) this.sweep(now);
  }

  private sweep(now: number): void {
    for (const [s, w] of this.windows) if (w.resetAt <= now) this.windows.delete(s);
  }
}
