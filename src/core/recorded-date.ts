import { frenchDate, isIsoDate } from './dates.js';
import type { FieldIssue } from './errors.js';
import { EARLIEST_PLAUSIBLE_DATE } from './program/plausible-dates.js';

/**
 * The date of a recorded operation (issuing, funding, hand-out) is the server's: today
 * in Europe/Paris unless the caller names another. Nobody may record a future date;
 * a past date needs a right to backdate (funder admins) and a reason, which the audit
 * trail keeps.
 */
export interface RecordedDateInput {
  date?: string | undefined;
  reason?: string | null | undefined;
}

export interface RecordedDate {
  date: string;
  /** Why the date is not today; null when it is today. */
  backdateReason: string | null;
}

export const BACKDATE_REASON_FIELD = 'backdateReason';

export function recordedDate(
  input: RecordedDateInput,
  today: string,
  field: string,
  mayBackdate: boolean,
): { ok: true; value: RecordedDate } | { ok: false; issues: FieldIssue[] } {
  const date = input.date ?? today;
  const reason = input.reason?.trim() || null;
  if (!isIsoDate(date)) return fail(field, "Cette date n'est pas valide (AAAA-MM-JJ).");
  if (date > today)
    return fail(field, `La date ne peut pas être dans le futur (nous sommes le ${frenchDate(today)}).`);
  // A year mistyped (1850 for 2025) would date the passes or the money before any programme.
  if (date < EARLIEST_PLAUSIBLE_DATE)
    return fail(
      field,
      `Cette date (${frenchDate(date)}) n'est pas plausible : indiquez une date à partir du ${frenchDate(EARLIEST_PLAUSIBLE_DATE)}.`,
    );
  if (date === today) return { ok: true, value: { date, backdateReason: null } };
  if (!mayBackdate)
    return fail(field, 'Seul un administrateur du financeur peut enregistrer une date passée.');
  if (reason === null)
    return fail(BACKDATE_REASON_FIELD, 'Indiquez le motif de cette date passée : il sera gardé au journal.');
  return { ok: true, value: { date, backdateReason: reason } };
}

const fail = (field: string, message: string) => ({ ok: false as const, issues: [{ field, message }] });
