import { normaliseAudiences } from './audiences.js';
/** The tolerance period for late sessions when a programme sets none (issue 12: 31 days). */
export const DEFAULT_LATE_SESSION_DAYS = 31;
/** At most a year: beyond, the programme's accounts could never close. */
export const MAX_LATE_SESSION_DAYS = 366;

import type { Budget, Calendar, ProgramChanges, ProgramState } from './types.js';

/*
 * The field lists are objects typed against the interfaces so that adding a field
 * to ProgramState without listing it here is a compile error. Their order is the
 * display order of changed-field paths, whatever order an amendment's JSON has.
 */
const wholeFields = {
  name: true,
  faceValueCents: true,
  bookletSizes: true,
  plannedPasses: true,
  audiences: true,
  passesPerBeneficiary: true,
  lateSessionDays: true,
  reportingDeadlines: true,
  status: true,
} satisfies Record<keyof Omit<ProgramState, 'calendar' | 'budget'>, true>;
const calendarFields = {
  distributionStart: true,
  distributionEnd: true,
  usageEnd: true,
  closure: true,
} satisfies Record<keyof Calendar, true>;
const budgetFields = {
  lines: true,
  cofunders: true,
  phasing: true,
  engineeringCeilingBps: true,
} satisfies Record<keyof Budget, true>;

export type WholeField = keyof typeof wholeFields;
export const WHOLE_FIELDS = Object.keys(wholeFields) as WholeField[];
export const CALENDAR_FIELDS = Object.keys(calendarFields) as (keyof Calendar)[];
export const BUDGET_FIELDS = Object.keys(budgetFields) as (keyof Budget)[];
/** Every top-level key an amendment may carry. */
export const PROGRAM_FIELDS: readonly string[] = [...WHOLE_FIELDS, 'calendar', 'budget'];

/** Fields a deliberation may leave out because they did not exist when it was recorded, with their meaning when absent. */
export const FIELD_DEFAULTS: Partial<Record<WholeField, unknown>> = {
  passesPerBeneficiary: null,
  lateSessionDays: DEFAULT_LATE_SESSION_DAYS,
};

/** Changes with their audiences in full form (older deliberations and requests may give bare codes). */
export function normaliseChanges<T extends ProgramChanges>(changes: T): T {
  return changes.audiences === undefined
    ? changes
    : { ...changes, audiences: normaliseAudiences(changes.audiences) };
}

/** Deep equality of JSON-like values; a key holding `undefined` counts as absent, as in JSON. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = (r: Record<string, unknown>) => Object.keys(r).filter((k) => r[k] !== undefined);
  const ka = keys(ra);
  return ka.length === keys(rb).length && ka.every((k) => rb[k] !== undefined && sameValue(ra[k], rb[k]));
}

/**
 * Paths ('plannedPasses', 'calendar.usageEnd', 'budget.lines') that `changes` sets
 * to a value different from `before`; with no `before`, every path it sets.
 */
export function changedPaths(before: ProgramState | null, given: ProgramChanges): string[] {
  const changes = normaliseChanges(given);
  const paths: string[] = [];
  for (const key of WHOLE_FIELDS) {
    const value = changes[key];
    if (value !== undefined && (before === null || !sameValue(before[key], value))) paths.push(key);
  }
  for (const key of CALENDAR_FIELDS) {
    const value = changes.calendar?.[key];
    if (value !== undefined && (before === null || !sameValue(before.calendar[key], value))) {
      paths.push(`calendar.${key}`);
    }
  }
  for (const key of BUDGET_FIELDS) {
    const value = changes.budget?.[key];
    if (value !== undefined && (before === null || !sameValue(before.budget[key], value))) {
      paths.push(`budget.${key}`);
    }
  }
  return paths;
}

/** The field paths whose value `changes` actually changes in `before`. */
export function diffChanges(before: ProgramState, changes: ProgramChanges): string[] {
  return changedPaths(before, changes);
}

function setField<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  // Clone so that a state never shares arrays with the amendments it was folded from.
  if (value !== undefined) target[key] = structuredClone(value);
}

/** The state after an amendment: top-level fields replace, calendar and budget merge key by key. */
export function applyChanges(state: ProgramState, given: ProgramChanges): ProgramState {
  const changes = normaliseChanges(given) as Partial<ProgramState> & ProgramChanges;
  const next: ProgramState = { ...state, calendar: { ...state.calendar }, budget: { ...state.budget } };
  for (const key of WHOLE_FIELDS) setField(next, key, changes[key]);
  for (const key of CALENDAR_FIELDS) setField(next.calendar, key, changes.calendar?.[key]);
  for (const key of BUDGET_FIELDS) setField(next.budget, key, changes.budget?.[key]);
  return next;
}

/** The founding state carried by a creation; throws if a field is missing (a corrupt history). */
export function creationState(given: ProgramChanges): ProgramState {
  const changes = { ...FIELD_DEFAULTS, ...normaliseChanges(given) } as ProgramChanges;
  const missing = [
    ...WHOLE_FIELDS.filter((k) => changes[k] === undefined),
    ...CALENDAR_FIELDS.filter((k) => changes.calendar?.[k] === undefined).map((k) => `calendar.${k}`),
    ...BUDGET_FIELDS.filter((k) => changes.budget?.[k] === undefined).map((k) => `budget.${k}`),
  ];
  if (missing.length > 0) throw new RangeError(`creation lacks fields: ${missing.join(', ')}`);
  return structuredClone(changes as ProgramState);
}
