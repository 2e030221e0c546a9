import type { FieldErrors } from '../ui/form/useForm';
import { isIsoDay, todayInParis } from './format';

/**
 * The date of an issue or a funding: today unless a funder admin records a past date, which
 * then needs a reason (kept in the audit trail). Never in the future. The server checks the
 * same (core/recorded-date.ts); this only says it sooner.
 */
export const BACKDATE_REASON = 'backdateReason';
export const BACKDATE_REASON_LABEL = 'Motif de la date passée';

export function recordedDateErrors(
  field: string,
  date: string,
  reason: string,
  today = todayInParis(),
): FieldErrors {
  const e: FieldErrors = {};
  if (!date) e[field] = 'Indiquez la date.';
  else if (!isIsoDay(date)) e[field] = 'Saisissez une date valide (jj/mm/aaaa).';
  else if (date > today) e[field] = 'La date ne peut pas être dans le futur.';
  else if (date < today && !reason.trim())
    e[BACKDATE_REASON] = 'Indiquez pourquoi cette date est passée : le motif sera gardé au journal.';
  return e;
}

/** The request's date fields: the reason only for a past date. */
export function recordedDateInput(date: string, reason: string, today = todayInParis()) {
  return date < today ? { backdateReason: reason.trim() } : {};
}
