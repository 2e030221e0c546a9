import type { IssueInput } from '../../api/types';
import { formatInt } from '../../lib/format';
import { parseNonNegativeInt } from '../../lib/parse';
import { BACKDATE_REASON_LABEL, recordedDateErrors, recordedDateInput } from '../../lib/recordedDate';
import type { FieldErrors } from '../../ui/form/useForm';

/** The issue form's fields, named like the API's so its field errors land on them; the date is today's when the form opens. */
export const EMPTY = { bookletCount: '', bookletSize: '', envelopeId: '', issuedOn: '', backdateReason: '' };
export type IssueValues = typeof EMPTY;

export const LABELS: Record<keyof IssueValues, string> = {
  bookletCount: 'Nombre de carnets',
  bookletSize: 'Taille des carnets',
  envelopeId: 'Enveloppe (facultatif)',
  issuedOn: 'Date d’émission',
  backdateReason: BACKDATE_REASON_LABEL,
};

// The API's own bound (IssueBody): above it the request would be refused as a whole.
const MAX_BOOKLETS = 200_000;

export function validateIssue(v: IssueValues): FieldErrors {
  const e: FieldErrors = {};
  const count = parseNonNegativeInt(v.bookletCount);
  if (!v.bookletCount.trim()) e.bookletCount = 'Indiquez le nombre de carnets à émettre.';
  // « Positif ou nul », the parser's words, would invite a 0 that is refused next.
  else if (!count.ok || count.value < 1)
    e.bookletCount = 'Saisissez un nombre entier de carnets, au moins 1 (sans décimale ni signe).';
  else if (count.value > MAX_BOOKLETS) e.bookletCount = 'Au plus 200 000 carnets par émission.';
  if (v.bookletSize !== '5' && v.bookletSize !== '10') e.bookletSize = 'Choisissez la taille des carnets.';
  return { ...e, ...recordedDateErrors('issuedOn', v.issuedOn, v.backdateReason) };
}

/** The request, or null while the form is not valid (also used to show the passes count as one types). */
export function toIssueInput(v: IssueValues): IssueInput | null {
  if (Object.keys(validateIssue(v)).length) return null;
  const count = parseNonNegativeInt(v.bookletCount);
  if (!count.ok) return null;
  return {
    bookletCount: count.value,
    bookletSize: v.bookletSize === '5' ? 5 : 10,
    envelopeId: v.envelopeId || null,
    issuedOn: v.issuedOn,
    ...recordedDateInput(v.issuedOn, v.backdateReason),
  };
}

/**
 * What the number of booklets comes to, and the programme's room: the passes it plans and
 * those already issued (the server refuses an issue past the plan, or past an envelope's cap).
 */
export function issueCountHint(
  input: Pick<IssueInput, 'bookletCount' | 'bookletSize'> | null,
  figures: { planned: number; issued: number } | null,
): string {
  const room = figures
    ? `Pass prévus par le dispositif : ${formatInt(figures.planned)} ; déjà émis : ${formatInt(figures.issued)}.`
    : '';
  const size = input ? `Soit ${formatInt(input.bookletCount * input.bookletSize)} pass.` : '';
  return [size, room].filter(Boolean).join(' ') || 'Au plus 200 000 carnets par émission.';
}
