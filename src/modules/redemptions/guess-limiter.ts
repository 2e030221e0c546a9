import { DomainError } from '../../core/errors.js';
import type { Queryable } from '../../db/client.js';
import { FailureLimiter, ShutOut } from '../../http/failure-limiter.js';

/** From how few guesses left an unknown code's answer says how many remain (`guessesLeft`). */
export const GUESSES_LEFT_TOLD = 5;

/**
 * Limits failed code lookups (well-formed codes that match no pass the place may know of:
 * what guessing produces) per place, per API key, per user, and per address for the public
 * lookup; a source that failed too often is refused (429) for the rest of its window. With 2
 * million live passes among 31^13 possible codes, 20 failures per 10 minutes leave a guesser
 * about one chance in ten million per year. How the limit holds when the guesses arrive at
 * once, and across instances: http/failure-limiter.ts.
 */
export class GuessLimiter {
  readonly #limiter: FailureLimiter;

  constructor(
    private readonly db: Queryable,
    maxFailures: number,
    windowMs: number,
  ) {
    this.#limiter = new FailureLimiter('unknown code', maxFailures, windowMs);
  }

  /**
   * Runs a code lookup for these sources. The lookup throws `unknown_code` (a
   * DomainError) for a code the place is not to learn about; that counts as a guess, unless
   * `sameAs` (the place and the code) was already counted in the window: looking the same
   * code up again teaches nothing new (a desk scanning a code twice, a retry). When few
   * guesses are left, the unknown code's answer says how many (`guessesLeft`), so that a desk
   * is warned before its place is locked.
   * Throws a 429 `rate_limited` DomainError, with `retryAfterS`, for a shut-out source.
   */
  async guard<T>(sources: string[], lookup: () => Promise<T>, sameAs?: string): Promise<T> {
    try {
      return await this.#limiter.run(this.db, sources, lookup, isUnknownCode, sameAs);
    } catch (error) {
      if (error instanceof ShutOut) throw tooManyGuesses(error.retryAfterMs);
      if (!isUnknownCode(error)) throw error;
      const left = this.#limiter.failuresLeft(sources);
      if (left > GUESSES_LEFT_TOLD) throw error;
      const { code, detail, errors, extra } = error as DomainError;
      throw new DomainError(code, detail, errors, { ...extra, guessesLeft: left });
    }
  }
}

/** A refusal of `guard` for a source shut out. */
export const isRateLimited = (error: unknown) =>
  error instanceof DomainError && error.code === 'rate_limited';

const isUnknownCode = (error: unknown) => error instanceof DomainError && error.code === 'unknown_code';

export function tooManyGuesses(retryAfterMs: number): DomainError {
  return new DomainError(
    'rate_limited',
    'Trop de codes inconnus ont été saisis : patientez quelques minutes avant de réessayer.',
    [],
    { retryAfterS: Math.max(1, Math.ceil(retryAfterMs / 1000)) },
  );
}
