import { isIsoDate } from '../dates.js';
import { programAsOf } from './as-of.js';
import type { Amendment, Envelope } from './types.js';

export interface CapViolation {
  date: string;
  /** The programme's planned passes on that date; 0 when the programme does not exist yet. */
  plannedPasses: number;
  envelopesTotal: number;
  envelopeNames: string[];
}

function compareEnvelopes(a: Envelope, b: Envelope): number {
  const key = (e: Envelope) => [e.effectiveOn, e.name, e.id];
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < ka.length; i++) {
    const [x, y] = [ka[i] as string, kb[i] as string];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Envelopes in force on `date` (effective on or before it), oldest first. */
export function envelopesAsOf(envelopes: readonly Envelope[], date: string): Envelope[] {
  if (!isIsoDate(date)) throw new RangeError(`not a business date: ${date}`);
  return envelopes.filter((e) => e.effectiveOn <= date).sort(compareEnvelopes);
}

/**
 * Rule: on every date from the first envelope's effectiveOn onwards, the caps of
 * the envelopes in force add up to at most the programme's plannedPasses as of
 * that date; an envelope in force while the programme does not exist yet is a
 * violation (plannedPasses 0) whatever its cap.
 *
 * Why checking breakpoints only is enough. Call a breakpoint any date on which an
 * envelope or an amendment becomes effective. Both sides of the rule are step
 * functions of the date: the envelopes in force on d are {e : e.effectiveOn ≤ d},
 * and programAsOf(d) folds exactly {a : a.effectiveOn ≤ d}; so both depend on d
 * only through those two sets. Take any date d ≥ the first envelope's date and let
 * b be the latest breakpoint ≤ d (it exists: the first envelope's date is one).
 * No envelope or amendment has b < effectiveOn ≤ d, so both sets, hence both
 * sides of the rule, are the same on d as on b. Every date is therefore decided by
 * a breakpoint, and scanning breakpoints in increasing order finds the earliest
 * violating date: a violation on d also shows on b ≤ d, and b violates on b itself.
 */
export function checkEnvelopeCaps(
  amendments: readonly Amendment[],
  envelopes: readonly Envelope[],
): CapViolation | null {
  if (envelopes.length === 0) return null;
  const first = envelopes.map((e) => e.effectiveOn).sort()[0] as string;
  const dates = [...envelopes, ...amendments].map((x) => x.effectiveOn);
  const breakpoints = [...new Set(dates.filter((d) => d >= first))].sort();
  for (const date of breakpoints) {
    const inForce = envelopesAsOf(envelopes, date);
    const envelopesTotal = inForce.reduce((sum, e) => sum + e.cap, 0);
    const state = programAsOf(amendments, date);
    if (state === null || envelopesTotal > state.plannedPasses) {
      return {
        date,
        plannedPasses: state?.plannedPasses ?? 0,
        envelopesTotal,
        envelopeNames: inForce.map((e) => e.name),
      };
    }
  }
  return null;
}
