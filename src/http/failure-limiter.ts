import type { Queryable } from '../db/client.js';
import * as rateWindows from './rate-windows.js';

/** A source's state in this instance. */
interface Source {
  /** Failures counted in the database for the current window, as last seen here. */
  failures: number;
  /** When that window ends (ms); 0 while no failure is known. */
  resetAt: number;
  /** Attempts under way here: each may turn out a failure. */
  inFlight: number;
  /** Attempts waiting for one of those to end. */
  waiters: (() => void)[];
}

/** An attempt refused because one of its sources has failed too often. */
export class ShutOut extends Error {
  constructor(readonly retryAfterMs: number) {
    super('shut out');
  }
}

/**
 * Limits the failures (unknown pass codes, unknown API keys) a source (an API key, a
 * user, an address) may cause per window, so that guessing stays hopeless.
 *
 * Two guards make the limit hold when the attempts arrive all at once:
 * - In this instance, an attempt takes a slot before it runs: a source runs at most as
 *   many attempts at once as it has failures left, so that they could all fail without
 *   passing the limit. Further attempts wait for a slot (an honest place sending many
 *   real codes at once is slowed a little, never refused); once the source is at its
 *   limit they are refused.
 * - Across instances, a failure is counted in PostgreSQL (http/rate-windows.ts, one atomic
 *   statement) before it is answered: a failure whose count comes back over the limit is
 *   answered as refused (429), not as a failure. However the attempts are spread over the
 *   instances, at most `max` failures per window are ever told.
 * An attempt that succeeds costs no query and counts nothing: its slot is simply released.
 * Instances learn each other's counts at their next failure; a burst spread over n
 * instances may run up to n × max lookups before they all know, but answers only max
 * failures (the others are told 429, and a code that exists among them is what one of
 * n × max guesses finds, one chance in 10^11 with the default settings).
 */
export class FailureLimiter {
  readonly #sources = new Map<string, Source>();

  constructor(
    /** Tells these counts apart from other limiters' in the shared table. */
    private readonly kind: string,
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /**
   * Runs `attempt` on behalf of `sources` unless one of them is shut out (then throws
   * ShutOut). `isFailure` says whether what the attempt threw is a failure to count
   * (for example an unknown code); such a failure is counted first, then rethrown, or
   * turned into ShutOut if the count went over the limit meanwhile. `sameAs` names what was
   * tried (a place and the code it looked up): the same failure again within the window is
   * not counted, as it teaches nothing new.
   */
  async run<T>(
    db: Queryable,
    sources: string[],
    attempt: () => Promise<T>,
    isFailure: (error: unknown) => boolean,
    sameAs?: string,
  ): Promise<T> {
    const states = await this.#acquire(sources);
    try {
      return await attempt();
    } catch (error) {
      if (!isFailure(error)) throw error;
      const over = await this.#count(db, sources, sameAs);
      if (over > 0) throw new ShutOut(over);
      throw error;
    } finally {
      for (const s of states) s.inFlight--;
      this.#wake(sources);
    }
  }

  /** Milliseconds until the first of these sources may try again, or 0 if none is shut out. */
  retryAfterMs(sources: string[], now = Date.now()): number {
    let wait = 0;
    for (const key of sources) {
      const s = this.#sources.get(key);
      if (s && this.#live(s, now) >= this.maxFailures) wait = Math.max(wait, s.resetAt - now);
    }
    return wait;
  }

  /**
   * How many more failures the most limited of these sources may have before it is shut out,
   * as last known here (each instance learns the others' counts at its own failures).
   */
  failuresLeft(sources: string[], now = Date.now()): number {
    let left = this.maxFailures;
    for (const key of sources) {
      const s = this.#sources.get(key);
      if (s) left = Math.min(left, Math.max(0, this.maxFailures - this.#live(s, now)));
    }
    return left;
  }

  /** Known failures of the current window (a closed window's are forgotten). */
  #live(s: Source, now: number): number {
    if (s.failures > 0 && s.resetAt <= now) {
      s.failures = 0;
      s.resetAt = 0;
    }
    return s.failures;
  }

  /** Waits for a slot on every source; throws ShutOut when one has no failure left. */
  async #acquire(sources: string[]): Promise<Source[]> {
    for (;;) {
      const now = Date.now();
      const wait = this.retryAfterMs(sources, now);
      if (wait > 0) throw new ShutOut(wait);
      const states = sources.map((key) => this.#state(key));
      const full = states.find((s) => s.inFlight >= this.maxFailures - this.#live(s, now));
      if (!full) {
        for (const s of states) s.inFlight++;
        return states;
      }
      await new Promise<void>((resolve) => full.waiters.push(resolve));
    }
  }

  #state(key: string): Source {
    let s = this.#sources.get(key);
    if (!s) {
      s = { failures: 0, resetAt: 0, inFlight: 0, waiters: [] };
      this.#sources.set(key, s);
    }
    return s;
  }

  /** Lets the waiters look again; forgets sources with nothing left to remember. */
  #wake(sources: string[]) {
    const now = Date.now();
    for (const key of sources) {
      const s = this.#sources.get(key);
      if (!s) continue;
      const waiters = s.waiters.splice(0);
      for (const w of waiters) w();
      if (s.inFlight === 0 && s.waiters.length === 0 && this.#live(s, now) === 0) this.#sources.delete(key);
    }
    // Memory stays bounded: sources that never come back are swept once their window is over.
    if (this.#sources.size > 100_000) {
      for (const [key, s] of this.#sources) {
        if (s.inFlight === 0 && s.waiters.length === 0 && this.#live(s, now) === 0) this.#sources.delete(key);
      }
    }
  }

  /**
   * Counts one failure for each source, everywhere (none if `sameAs` was counted already in its
   * window); returns how long the most limited
   * source must wait if this failure took it over the limit, else 0.
   */
  async #count(db: Queryable, sources: string[], sameAs?: string): Promise<number> {
    const prefix = `${this.kind} `;
    const tried = sameAs === undefined ? undefined : `${this.kind} tried ${sameAs}`;
    const windows = await rateWindows.hit(
      db,
      sources.map((s) => `${prefix}${s}`),
      this.windowMs,
      tried,
    );
    let over = 0;
    const now = Date.now();
    for (const w of windows) {
      const s = this.#state(w.key.slice(prefix.length));
      s.failures = Math.max(this.#live(s, now), w.hits);
      s.resetAt = w.resetAt.getTime();
      if (w.hits > this.maxFailures) over = Math.max(over, s.resetAt - now);
    }
    // Refused, not answered: asked again once the source may, it is a new try and counts.
    if (over > 0 && tried) await rateWindows.forget(db, tried);
    return over;
  }
}
