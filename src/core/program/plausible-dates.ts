import { frenchDate, isIsoDate } from '../dates.js';
import type { FieldIssue } from '../errors.js';
import type { ProgramChanges } from './types.js';
import { CALENDAR } from './validate-fields.js';

/*
 * The dates a funder types for a programme (its deliberations, calendar, reporting deadlines,
 * envelopes) and for the money it receives lie in a plausible window: not before 2000 (the
 * pass numériques are of the 2020s), not more than ten years ahead (a programme runs a few
 * years). A year mistyped, 2207 for 2027 or 1850 for 2025, is refused on the field typed
 * rather than stored, where it would silently stretch or empty the programme.
 */

/** The earliest date a programme or its money may name. */
export const EARLIEST_PLAUSIBLE_DATE = '2000-01-01';
/** How many years ahead of today a programme's dates may reach. */
export const PLAUSIBLE_YEARS_AHEAD = 10;

/** The same day `years` years after `day` (the 28th for a 29 February in a common year). */
export function yearsAfter(day: string, years: number): string {
  const later = `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;
  return isIsoDate(later) ? later : later.replace(/-02-29$/, '-02-28');
}

/** The latest date a programme may name, when today is `today`. */
export const latestProgramDate = (today: string) => yearsAfter(today, PLAUSIBLE_YEARS_AHEAD);

/** A date as the request gives it, with its field and how a sentence names it (« la date d'effet »). */
export interface TypedDate {
  field: string;
  label: string;
  value: unknown;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Each date outside [2000-01-01, `latest`], as a French message on its field. Absent and
 * malformed dates are left to the rules that check them.
 */
export function implausibleDates(
  dates: readonly TypedDate[],
  today: string,
  latest = latestProgramDate(today),
): FieldIssue[] {
  return dates
    .filter(
      (d): d is TypedDate & { value: string } =>
        typeof d.value === 'string' &&
        isIsoDate(d.value) &&
        (d.value < EARLIEST_PLAUSIBLE_DATE || d.value > latest),
    )
    .map((d) => ({
      field: d.field,
      message: `${capitalised(d.label)} (${frenchDate(d.value)}) n'est pas plausible : indiquez une date entre le ${frenchDate(EARLIEST_PLAUSIBLE_DATE)} et le ${frenchDate(latest)}.`,
    }));
}

/** The dates of a programme's state or changes: its calendar, its reporting deadlines. */
export function programDates(changes: Partial<ProgramChanges>, prefix = ''): TypedDate[] {
  const calendar = (changes.calendar ?? {}) as Record<string, unknown>;
  const deadlines = Array.isArray(changes.reportingDeadlines) ? changes.reportingDeadlines : [];
  return [
    ...CALENDAR.filter((c) => calendar[c.key] !== undefined).map((c) => ({
      field: `${prefix}calendar.${c.key}`,
      label: c.label,
      value: calendar[c.key],
    })),
    ...deadlines.map((d, i) => ({
      field: `${prefix}reportingDeadlines.${i}.dueOn`,
      label: `la date de l'échéance de rapport n° ${i + 1}`,
      value: (d as { dueOn?: unknown } | null)?.dueOn,
    })),
  ];
}

/** The dates of a deliberation: when it takes effect, when it was decided. */
export function deliberationDates(input: { effectiveOn: string; legal: { decidedOn: string } }): TypedDate[] {
  return [
    { field: 'effectiveOn', label: "la date d'effet", value: input.effectiveOn },
    { field: 'legal.decidedOn', label: 'la date de décision', value: input.legal.decidedOn },
  ];
}
