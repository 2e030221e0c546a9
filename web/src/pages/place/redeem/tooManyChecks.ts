import { frenchClock } from '../../../../../src/core/dates';
import type { ApiError } from '../../../api/client';

const NO_WAIT = 'Attendez quelques minutes avant de vérifier un autre code.';

/** « 42 secondes », « 1 seconde », « 10 minutes » (rounded up: never too early). */
function inFrench(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 seconde' : `${seconds} secondes`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * The minute a wait of `seconds` from `now` ends, in Paris, rounded up (never too early):
 * « 10 h 42 ». A desk told « dans 10 minutes » did not know, coming back, whether they had passed.
 */
function endOfWait(seconds: number, now: number): string {
  const minute = 60_000;
  return frenchClock(new Date(Math.ceil((now + seconds * 1000) / minute) * minute));
}

const shownAt = new WeakMap<ApiError, number>();

/** When this answer was first shown (it came just before): a later render must not push the time on. */
function firstShown(error: ApiError): number {
  const at = shownAt.get(error) ?? Date.now();
  shownAt.set(error, at);
  return at;
}

/**
 * What a desk refused a check (429) is told, each thing once: why, and when to try again
 * (`retryAfterS` of the answer when it gives one, counted from `now`, when the answer came).
 * The server's sentence for too many unknown codes already said « patientez quelques
 * minutes », and the page added « Attendez quelques minutes » under « Trop de
 * vérifications »: the same message, read twice.
 */
export function tooManyChecks(
  error: ApiError,
  now = firstShown(error),
): { title: string; description: string } {
  const after = error.problem && (error.problem as { retryAfterS?: unknown }).retryAfterS;
  const seconds = typeof after === 'number' && Number.isFinite(after) && after > 0 ? Math.ceil(after) : null;
  const wait = seconds === null ? null : `Réessayez dans ${inFrench(seconds)}.`;
  if (error.code === 'rate_limited') {
    // The place's lookups are locked: the time they open again (under a minute, the wait).
    const at = seconds !== null && seconds >= 60 ? `Réessayez à ${endOfWait(seconds, now)}.` : wait;
    return { title: 'Trop de codes inconnus ont été saisis', description: at ?? NO_WAIT };
  }
  // Another limit (the server's own, a proxy's): its sentence, and the wait if it gives one.
  return { title: 'Trop de vérifications', description: wait ? `${error.detail} ${wait}` : error.detail };
}

/**
 * What an unknown code's answer warns of when the place has few unknown codes left before its
 * lookups are locked (`guessesLeft`, given from 5 left): nothing said before, a whole desk
 * found itself locked out by one person's repeated scans.
 */
export function guessesLeftWarning(error: ApiError): string | null {
  const left: unknown = error.problem.guessesLeft;
  if (typeof left !== 'number' || !Number.isInteger(left) || left < 0) return null;
  if (left === 0)
    return 'Attention : trop de codes inconnus ont été saisis dans les 10 minutes, la vérification est maintenant bloquée pour tout le lieu.';
  const codes = left === 1 ? '1 code inconnu possible' : `${left} codes inconnus possibles`;
  return `Attention : encore ${codes} dans les 10 minutes, puis la vérification sera bloquée pour tout le lieu.`;
}
