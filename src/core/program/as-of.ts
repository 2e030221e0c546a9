import { isIsoDate } from '../dates.js';
import { applyChanges, changedPaths, creationState } from './changes.js';
import { orderAmendments, validateHistory } from './order.js';
import type { Amendment, ProgramState } from './types.js';

export { diffChanges } from './changes.js';
export { orderAmendments } from './order.js';

/**
 * The history is checked on every read: a corrupt history (two creations, an
 * amendment before the creation) must fail loudly rather than yield a plausible
 * but wrong state. Services validate before storing, so this is a bug if it fires.
 */
function orderedHistory(amendments: readonly Amendment[]): Amendment[] {
  const issues = validateHistory(amendments);
  if (issues.length > 0) throw new RangeError(issues.map((i) => i.message).join(' '));
  return orderAmendments(amendments);
}

/**
 * The programme as decided on `date`: the creation, then every amendment effective
 * on or before that date, in the order of `orderAmendments`. Null before the
 * creation takes effect, and for an empty history (nothing decided yet).
 */
export function programAsOf(amendments: readonly Amendment[], date: string): ProgramState | null {
  if (!isIsoDate(date)) throw new RangeError(`not a business date: ${date}`);
  if (amendments.length === 0) return null;
  const [creation, ...rest] = orderedHistory(amendments);
  if (!creation || creation.effectiveOn > date) return null;
  let state = creationState(creation.changes);
  for (const amendment of rest) {
    if (amendment.effectiveOn > date) break;
    state = applyChanges(state, amendment.changes);
  }
  return state;
}

/** An amendment with the paths whose value it really changed ('plannedPasses', 'calendar.usageEnd'); all paths for the creation. */
export type TimelineEntry = Amendment & { changedFields: string[] };

/** The history in application order, each amendment with what it changed, for display. */
export function amendmentTimeline(amendments: readonly Amendment[]): TimelineEntry[] {
  if (amendments.length === 0) return [];
  const entries: TimelineEntry[] = [];
  let state: ProgramState | null = null;
  for (const amendment of orderedHistory(amendments)) {
    entries.push({ ...amendment, changedFields: changedPaths(state, amendment.changes) });
    state = state === null ? creationState(amendment.changes) : applyChanges(state, amendment.changes);
  }
  return entries;
}
