import type { ApiError } from '../../../api/client';

const NO_WAIT = 'Attendez quelques minutes avant de vérifier un autre code.';

/** « 42 secondes », « 1 seconde », « 10 minutes » (rounded up: never too early). */
function inFrench(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 seconde' : `${seconds} secondes`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * What a desk refused a check (429) is told, each thing once: why, and how long to wait
 * (`retryAfterS` of the answer when it gives one). The server's sentence for too many
 * unknown codes already said « patientez quelques minutes », and the page added « Attendez
 * quelques minutes » under « Trop de vérifications »: the same message, read twice.
 */
export function tooManyChecks(error: ApiError): { title: string; description: string } {
  const after = error.problem && (error.problem as { retryAfterS?: unknown }).retryAfterS;
  const seconds = typeof after === 'number' && Number.isFinite(after) && after > 0 ? Math.ceil(after) : null;
  const wait = seconds === null ? null : `Réessayez dans ${inFrench(seconds)}.`;
  if (error.code === 'rate_limited')
    return { title: 'Trop de codes inconnus ont été saisis', description: wait ?? NO_WAIT };
  // Another limit (the server's own, a proxy's): its sentence, and the wait if it gives one.
  return { title: 'Trop de vérifications', description: wait ? `${error.detail} ${wait}` : error.detail };
}
