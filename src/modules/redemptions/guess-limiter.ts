import type { Queryable } from '../../db/client.js';
import * as rateWindows from '../../http/rate-windows.js';

/** Unknown codes count apart from the routes' own limits. */
const KEY_PREFIX = 'unknown code ';

/**
 * Counts failed code lookups (well-formed codes that match no pass: what guessing
 * produces) per API key, per user and per address, and shuts a source out for the rest
 * of its window once it has failed too often. With 2 million live passes among 31^13
 * possible codes, 20 failures per 10 minutes leave a guesser about one chance in ten
 * million per year.
 *
 * The counts live in PostgreSQL (http/rate-windows.ts), shared by every instance; each
 * instance remembers in memory only the sources it has seen go over the limit, so that a
 * lookup costs no extra query and only a failure does. An instance learns of a shut-out at
 * the source's next failure there: across n instances a guesser gets at most n − 1
 * failures more than the limit.
 */
export class GuessLimiter {
  /** Shut-out sources and when their window ends (ms). */
  readonly #shutOut = new Map<string, number>();

  constructor(
    private readonly db: Queryable,
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until the first of these sources may try again, or 0 if none is shut out. */
  retryAfterMs(sources: string[], now = Date.now()): number {
    let wait = 0;
    for (const s of sources) {
      const until = this.#shutOut.get(s);
      if (until === undefined) continue;
      if (until <= now) this.#shutOut.delete(s);
      else wait = Math.max(wait, until - now);
    }
    return wait;
  }

  /** Counts one failure for each source, everywhere. */
  async fail(sources: string[]): Promise<void> {
    const windows = await rateWindows.hit(
      this.db,
      sources.map((s) => `${KEY_PREFIX}${s}`),
      this.windowMs,
    );
    for (const w of windows) {
      if (w.hits >= this.maxFailures) this.#shutOut.set(w.key.slice(KEY_PREFIX.length), w.resetAt.getTime());
    }
    // Memory stays bounded: sources that never come back are swept once their window is over.
    if (this.#shutOut.size > 100_000) {
      const now = Date.now();
      for (const [s, until] of this.#shutOut) if (until <= now) this.#shutOut.delete(s);
    }
  }
}
