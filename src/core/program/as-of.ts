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
 * The amendments in force: a rectifying amendment supersedes the one it names, which
 * then counts at no date at all, as if the rectified text had been voted in its place.
 * Why replace rather than stop it from the rectification's date: a rectification
 * corrects an error in a deliberation (a wrong figure typed), it is not a new decision;
 * the rectifying amendment carries its own effective date, usually the rectified one's.
 */
export function inForce<T extends Amendment>(amendments: readonly T[]): T[] {
  const superseded = new Set(amendments.map((a) => a.rectifies).filter((id) => id));
  return amendments.filter((a) => !superseded.has(a.id));
}

/**
 * The programme as decided on `date`: the creation, then every amendment effective
 * on or before that date, in the order of `orderAmendments`. Null before the
 * creation takes effect, and for an empty history (nothing decided yet).
 */
export function programAsOf(amendments: readonly Amendment[], date: string): ProgramState | null {
  if (!isIsoDate(date)) throw new RangeError(`not a business date: ${date}`);
  if (amendments.length === 0) return null;
  const [creation, ...rest] = orderedHistory(inForce(amendments));
  if (!creation || creation.effectiveOn > date) return null;
  let state = creationState(creation.changes);
  for (const amendment of rest) {
    if (amendment.effectiveOn > date) break;
    state = applyChanges(state, amendment.changes);
  }
  return state;
}

/**
 * The programme as its founding deliberation decided it, for a date from that decision up to
 * the day before it takes effect (the convention signed, the campaign not begun); null at any
 * other date.
 */
export function programAsDecided(amendments: readonly Amendment[], date: string): ProgramState | null {
  if (amendments.length === 0) return null;
  const [creation] = orderedHistory(inForce(amendments));
  if (!creation || date < creation.legal.decidedOn || date >= creation.effectiveOn) return null;
  return creationState(creation.changes);
}

/** The day the programme takes effect: its creation's (the one in force), null for an empty history. */
export function programStart(amendments: readonly Amendment[]): string | null {
  return orderedHistory(inForce(amendments))[0]?.effectiveOn ?? null;
}

/** The day its founding deliberation was decided (the creation in force), null for an empty history. */
export function programDecidedOn(amendments: readonly Amendment[]): string | null {
  return orderedHistory(inForce(amendments))[0]?.legal.decidedOn ?? null;
}

/**
 * The programme's name as of `date`, or as of its start when it has not started yet: a
 * programme decided for next year is named by its founding deliberation, not « à venir ».
 */
export function programName(amendments: readonly Amendment[], date: string): string {
  const start = programStart(amendments);
  if (start === null) return '';
  return programAsOf(amendments, date < start ? start : date)?.name ?? '';
}

/**
 * An amendment with the paths whose value it really changed ('plannedPasses', 'calendar.usageEnd');
 * all paths for the creation. A superseded amendment names the one that rectifies it.
 */
export type TimelineEntry = Amendment & {
  changedFields: string[];
  rectifies: string | null;
  supersededBy: string | null;
  /**
   * The changed fields that never were in force: a deliberation decided later set them again
   * for the same day (`by`, the last one to), so it applies after this one on that day.
   */
  overridden: { field: string; by: string }[];
};

/**
 * For each amendment, the fields that a later one in the order sets on the same effective day.
 * Recording an older deliberation after a newer one for the same day is legitimate (history
 * caught up), but what it changes never counts: the timeline and the answer say so.
 */
function lastSetters(ordered: readonly Amendment[], superseded: ReadonlySet<string>) {
  const setter = new Map<string, Map<string, string>>(); // effectiveOn → field → amendment id
  for (const a of ordered) {
    if (superseded.has(a.id)) continue;
    const day = setter.get(a.effectiveOn) ?? new Map<string, string>();
    for (const field of changedPaths(null, a.changes)) day.set(field, a.id);
    setter.set(a.effectiveOn, day);
  }
  return setter;
}

/**
 * The whole history in application order, superseded amendments included (what they would
 * have changed, marked as such), each with what it changed, for display.
 */
export function amendmentTimeline(amendments: readonly Amendment[]): TimelineEntry[] {
  if (amendments.length === 0) return [];
  const rectifier = new Map(amendments.filter((a) => a.rectifies).map((a) => [a.rectifies!, a.id]));
  const ordered = orderedHistory(amendments);
  const setters = lastSetters(ordered, new Set(rectifier.keys()));
  const entries: TimelineEntry[] = [];
  let state: ProgramState | null = null;
  // The state each rectification found: a rectified amendment that applies after its own
  // rectification is measured against what was there before the rectification, or it would
  // seem to change only what the two do not share.
  const beforeRectification = new Map<string, ProgramState | null>();
  for (const amendment of ordered) {
    const supersededBy = rectifier.get(amendment.id) ?? null;
    if (amendment.rectifies) beforeRectification.set(amendment.rectifies, state);
    const before = beforeRectification.has(amendment.id)
      ? (beforeRectification.get(amendment.id) ?? null)
      : state;
    const changedFields = changedPaths(before, amendment.changes);
    const day = setters.get(amendment.effectiveOn);
    const overridden = supersededBy
      ? []
      : changedFields.flatMap((field) => {
          const by = day?.get(field);
          return by && by !== amendment.id ? [{ field, by }] : [];
        });
    entries.push({
      ...amendment,
      changedFields,
      rectifies: amendment.rectifies ?? null,
      supersededBy,
      overridden,
    });
    if (supersededBy) continue;
    state = state === null ? creationState(amendment.changes) : applyChanges(state, amendment.changes);
  }
  return entries;
}
