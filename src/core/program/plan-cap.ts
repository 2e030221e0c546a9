import { programAsOf } from './as-of.js';
import type { Amendment } from './types.js';

/** Passes issued on one day (issue batches summed by their issue date). */
export interface IssuedOnDay {
  date: string;
  passes: number;
}

export interface PlanShortfall {
  date: string;
  /** Planned passes on that date; 0 when the programme does not exist yet. */
  plannedPasses: number;
  /** Passes issued on or before that date, the new ones included. */
  issued: number;
}

/**
 * Rule: on every day from `from` on, the passes issued on or before that day stay
 * within the programme's planned passes as of that day. A pass issued on a day counts
 * on every later day, so an issue dated in the past must also fit under every later
 * plan, and an amendment may not cut the plan below what is already issued.
 *
 * Both sides are step functions of the day: the plan changes only on amendment dates,
 * the issued total only on issue dates. The issued total never decreases, so between
 * two breakpoints the first day is the worst; checking `from` and every breakpoint
 * after it is enough (the same argument as `checkEnvelopeCaps`).
 */
export function checkPlanCovers(
  amendments: readonly Amendment[],
  issued: readonly IssuedOnDay[],
  from: string,
): PlanShortfall | null {
  const later = [...amendments.map((a) => a.effectiveOn), ...issued.map((i) => i.date)].filter(
    (d) => d > from,
  );
  for (const date of [...new Set([from, ...later])].sort()) {
    const total = issued.filter((i) => i.date <= date).reduce((sum, i) => sum + i.passes, 0);
    if (total === 0) continue;
    const plannedPasses = programAsOf(amendments, date)?.plannedPasses ?? 0;
    if (total > plannedPasses) return { date, plannedPasses, issued: total };
  }
  return null;
}
