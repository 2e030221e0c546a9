import { programAsOf } from './as-of.js';
import { envelopesAsOf } from './envelopes.js';
import type { Amendment, Envelope } from './types.js';

/** Passes issued on one day (issue batches and carry-overs summed by their date). */
export interface IssuedOnDay {
  date: string;
  passes: number;
  /** Of those, the passes issued outside any envelope. */
  outside: number;
}

/** The plan itself would be exceeded: more passes issued by `date` than planned then. */
export interface PlanShortfall {
  kind: 'plan';
  date: string;
  /** Planned passes on that date; 0 when the programme does not exist yet. */
  plannedPasses: number;
  /** Passes issued on or before that date, the new ones included. */
  issued: number;
}

/** The plan's share left outside the envelopes would be exceeded on `date`. */
export interface OutsideShortfall {
  kind: 'outside_envelopes';
  date: string;
  plannedPasses: number;
  /** The caps of the envelopes in force on that date, reserved to them. */
  reserved: number;
  envelopeNames: string[];
  /** Passes issued outside any envelope on or before that date, the new ones included. */
  outside: number;
}

export type Shortfall = PlanShortfall | OutsideShortfall;

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/**
 * Rule: on every day from `from` on, the passes issued on or before that day stay within the
 * programme's planned passes as of that day, and those issued outside any envelope within the
 * planned passes less the caps of the envelopes in force that day (the envelopes' share,
 * reserved to them, as the dashboard's « Hors enveloppe » row shows it). A pass issued on a
 * day counts on every later day, so an issue dated in the past must also fit under every later
 * plan, an amendment may not cut the plan below what is already issued, and a new envelope may
 * not reserve what was already issued outside the envelopes.
 *
 * Every side is a step function of the day: the plan changes only on amendment dates, the
 * reserved share only on envelope dates, the issued totals only on issue dates, and the issued
 * totals never decrease; so between two breakpoints the first day is the worst, and checking
 * `from` and every breakpoint after it is enough (the same argument as `checkEnvelopeCaps`).
 *
 * Of the days and rules broken, the shortfall names the tightest: the one exceeded by the most
 * (the earliest of equals). Passes added on `from` count on every day checked, so how many of
 * them fit is decided there, and `roomLeft` reads it off the shortfall alone.
 */
export function checkPlanCovers(
  amendments: readonly Amendment[],
  envelopes: readonly Envelope[],
  issued: readonly IssuedOnDay[],
  from: string,
): Shortfall | null {
  const later = [...amendments, ...envelopes]
    .map((x) => x.effectiveOn)
    .concat(issued.map((i) => i.date))
    .filter((d) => d > from);
  let worst: Shortfall | null = null;
  let worstExcess = 0;
  for (const date of [...new Set([from, ...later])].sort()) {
    const upTo = issued.filter((i) => i.date <= date);
    const total = sum(upTo.map((i) => i.passes));
    if (total === 0) continue;
    const plannedPasses = programAsOf(amendments, date)?.plannedPasses ?? 0;
    if (total - plannedPasses > worstExcess) {
      worst = { kind: 'plan', date, plannedPasses, issued: total };
      worstExcess = total - plannedPasses;
    }
    const outside = sum(upTo.map((i) => i.outside));
    const inForce = envelopesAsOf(envelopes, date);
    const reserved = sum(inForce.map((e) => e.cap));
    if (outside > 0 && outside - (plannedPasses - reserved) > worstExcess) {
      const envelopeNames = inForce.map((e) => e.name);
      worst = { kind: 'outside_envelopes', date, plannedPasses, reserved, envelopeNames, outside };
      worstExcess = outside - (plannedPasses - reserved);
    }
  }
  return worst;
}

/**
 * The least the plan leaves outside the envelopes on any day from `from` on: how many passes
 * may be issued outside any envelope in all, by the rule above (an envelope decided for a
 * later date already takes its share). The dashboard's « Hors enveloppe » row plans this many.
 */
export function outsideShareFrom(
  amendments: readonly Amendment[],
  envelopes: readonly Envelope[],
  from: string,
): number {
  const later = [...amendments, ...envelopes].map((x) => x.effectiveOn).filter((d) => d > from);
  const shares = [...new Set([from, ...later])].map(
    (date) =>
      (programAsOf(amendments, date)?.plannedPasses ?? 0) -
      sum(envelopesAsOf(envelopes, date).map((e) => e.cap)),
  );
  return Math.max(0, Math.min(...shares));
}

/**
 * How many of the `count` new passes, issued on the checked date `from` (`checkPlanCovers`), fit
 * on that date and on every later one: the largest number the check then accepts, since the
 * shortfall names the day and rule exceeded by the most and the new passes count on each.
 * (Exact when what was issued before holds on its own, as every issue, amendment and envelope
 * is checked; an issue into an envelope counts on the plan only, and only the plan can then
 * fall short.)
 */
export function roomLeft(shortfall: Shortfall, count: number): number {
  const limit =
    shortfall.kind === 'plan' ? shortfall.plannedPasses : shortfall.plannedPasses - shortfall.reserved;
  const already = (shortfall.kind === 'plan' ? shortfall.issued : shortfall.outside) - count;
  return Math.max(0, limit - already);
}
