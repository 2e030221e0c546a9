import { inForce, programAsOf } from '../../../../src/core/program/as-of';
import { STANDARD_AUDIENCES } from '../../../../src/core/program/audiences';
import { MAX_LATE_SESSION_DAYS, sameValue } from '../../../../src/core/program/changes';
import type {
  Amendment,
  Audience,
  CreateAmendmentInput,
  ProgramChanges,
  ProgramState,
  ProgramStatus,
} from '../../api/types';
import { isIsoDay } from '../../lib/format';
import { parseCodeList, parseEurosToCents, parseNonNegativeInt } from '../../lib/parse';
import { budgetChanges, budgetGroups, budgetLabels, budgetValues, validateBudget } from './amendmentBudget';
import {
  AMENDED_OTHER,
  otherCount,
  otherGroups,
  otherLabels,
  toOtherAudiences,
  validateOthers,
} from './otherAudiencesForm';

/**
 * The publics field holds '' while the ticked publics are the programme's current ones
 * (unchanged), the chosen codes joined by commas otherwise, and NO_AUDIENCE when every box
 * was unticked (which the check refuses): see AudiencesField in AmendmentFormPage.
 */
export const NO_AUDIENCE = '-';

import type { FieldErrors } from '../../ui/form/useForm';

/** Field names are the API's paths, so API field errors land on the right input. */
export const EMPTY = {
  rectifies: '',
  effectiveOn: '',
  'legal.body': '',
  'legal.number': '',
  'legal.decidedOn': '',
  'legal.votesFor': '',
  'legal.votesAgainst': '',
  'legal.abstentions': '',
  'legal.text': '',
  'changes.plannedPasses': '',
  'changes.faceValueCents': '',
  'changes.calendar.distributionStart': '',
  'changes.calendar.distributionEnd': '',
  'changes.calendar.usageEnd': '',
  'changes.calendar.closure': '',
  'changes.status': '',
  'changes.audiences': '',
  'changes.lateSessionDays': '',
};
/** Plus the budget's rows, pre-filled with the current budget (amendmentBudget.ts). */
export type AmendmentValues = typeof EMPTY & Record<string, string>;
export type AmendmentField = keyof typeof EMPTY;

/** The form as it opens: the budget as it stands, to be edited rather than typed again. */
export const initialValues = (current: ProgramState | null): AmendmentValues => ({
  ...EMPTY,
  ...budgetValues(current),
});

export const LABELS: Record<AmendmentField | 'changes' | 'changes.budget', string> = {
  changes: 'Modifications',
  'changes.budget': 'Budget',
  rectifies: 'Délibération rectifiée',
  effectiveOn: 'Date d’effet',
  'legal.body': 'Instance qui a délibéré',
  'legal.number': 'Numéro de la délibération',
  'legal.decidedOn': 'Date de la décision',
  'legal.votesFor': 'Votes pour',
  'legal.votesAgainst': 'Votes contre',
  'legal.abstentions': 'Abstentions',
  'legal.text': 'Texte de la délibération',
  'changes.plannedPasses': 'Nombre de pass prévus',
  'changes.faceValueCents': 'Valeur faciale d’un pass, en euros',
  'changes.calendar.distributionStart': 'Début de la distribution',
  'changes.calendar.distributionEnd': 'Fin de la distribution',
  'changes.calendar.usageEnd': 'Fin d’utilisation des pass',
  'changes.calendar.closure': 'Clôture du dispositif',
  'changes.status': 'Statut',
  'changes.audiences': 'Publics visés',
  'changes.lateSessionDays': 'Délai pour enregistrer une séance tardive, en jours',
};

export const groupsOf = (v: AmendmentValues): string[] => [
  'changes',
  'legal',
  'changes.budget',
  ...budgetGroups(v),
  ...otherGroups(otherCount(v, AMENDED_OTHER), AMENDED_OTHER),
];
export const labelsOf = (current: ProgramState | null, v: AmendmentValues): Record<string, string> => ({
  ...LABELS,
  ...budgetLabels(current, v),
  ...otherLabels(otherCount(v, AMENDED_OTHER), AMENDED_OTHER),
});

// The text is optional: the API accepts an empty one (older deliberations are sometimes known by number only).
const REQUIRED: AmendmentField[] = ['effectiveOn', 'legal.body', 'legal.number', 'legal.decidedOn'];
const DATES: AmendmentField[] = [
  'effectiveOn',
  'legal.decidedOn',
  'changes.calendar.distributionStart',
  'changes.calendar.distributionEnd',
  'changes.calendar.usageEnd',
  'changes.calendar.closure',
];
const COUNTS: AmendmentField[] = [
  'legal.votesFor',
  'legal.votesAgainst',
  'legal.abstentions',
  'changes.plannedPasses',
  'changes.lateSessionDays',
];
const CHANGE_FIELDS = (Object.keys(EMPTY) as AmendmentField[]).filter((k) => k.startsWith('changes.'));

/** The programme's history as its page has it, to know what a rectifying amendment applies to. */
export interface AmendmentHistory {
  /** Every amendment, the superseded ones included (the programme's `timeline`). */
  timeline: readonly Amendment[];
  /** The date the form's `current` state is the programme as of. */
  asOf: string;
}

/**
 * What the amendment's changes are measured against: a field equal to it is left out of them.
 *
 * For an ordinary amendment, the state the form opened with. For a rectifying one, the same date's
 * programme *without* the amendment it rectifies. The server supersedes that amendment, which then
 * counts at no date (core/program/as-of.ts inForce), and applies the rectifying amendment's changes
 * to what is left: a field it leaves out is the one *before* the rectified amendment. The form opens
 * with the budget and publics in force, the rectified amendment's included: measured against that,
 * the ones kept as they opened were left out and silently went back to what they were before
 * (a raised budget, an added co-funder dropped). Measured against the state without it, they differ
 * and are sent, so the rectifying amendment carries what the form shows.
 *
 * Why not send the budget and publics whole on every rectification: the form shows them as of
 * today, later deliberations included, while the rectifying amendment usually takes effect on the
 * rectified one's earlier date; sent whole, a later deliberation's change of them would be moved
 * back to that date. Left out when the rectified amendment did not change them, each later
 * deliberation still applies at its own date, as it did.
 */
export function baseOf(
  v: AmendmentValues,
  current: ProgramState | null,
  history?: AmendmentHistory,
): ProgramState | null {
  if (!v.rectifies || !history) return current;
  // inForce first: rectifying a rectification must not bring back the amendment it superseded.
  const rest = inForce(history.timeline).filter((a) => a.id !== v.rectifies);
  return programAsOf(rest, rectifiedLater(v, history) ?? history.asOf);
}

/** The date the rectified amendment takes effect, when that is after the form's `asOf`. */
export function rectifiedLater(v: AmendmentValues, history?: AmendmentHistory): string | null {
  const rectified = v.rectifies ? history?.timeline.find((a) => a.id === v.rectifies) : undefined;
  return rectified && history && rectified.effectiveOn > history.asOf ? rectified.effectiveOn : null;
}

/**
 * The programme the form shows and edits: `current`, or, for the rectification of an amendment
 * that takes effect later (a deliberation already voted for next spring), the programme on that
 * amendment's date. Today's programme lacks that amendment's budget and publics: the form showed
 * today's, and sent them back to what they were before it (a budget raised to 62 500 € fell
 * back to 50 000 € when only the number of passes was corrected).
 */
export function shownOf(
  v: AmendmentValues,
  current: ProgramState | null,
  history?: AmendmentHistory,
): ProgramState | null {
  const on = rectifiedLater(v, history);
  return on && history ? programAsOf(inForce(history.timeline), on) : current;
}

/**
 * The publics to send, in full form, or undefined to leave them as the base has them. The field
 * holds '' while the ticked publics are the ones the form opened with: for a rectifying amendment
 * those may be the rectified amendment's, which the base lacks, and then they are sent. The
 * publics the deliberation adds beyond the standard list (« Autres publics », with their ages)
 * follow the ticked ones.
 */
function audiencesChange(
  v: AmendmentValues,
  current: ProgramState | null,
  base: ProgramState | null,
): ProgramChanges['audiences'] {
  const shown = current?.audiences ?? [];
  const typed = v['changes.audiences'].trim();
  const added = toOtherAudiences(v, AMENDED_OTHER);
  if (typed === NO_AUDIENCE) return added.length > 0 ? added : undefined;
  if (!typed && added.length === 0) return sameValue(shown, base?.audiences ?? []) ? undefined : shown;
  // A public the programme has keeps its label and ages; a standard one is sent by its code.
  const known: Audience[] = [...shown, ...(base?.audiences ?? [])];
  const ticked = typed
    ? parseCodeList(typed).map((code) => known.find((a) => a.code === code) ?? code)
    : shown;
  return [...ticked, ...added];
}

/** The labels a new public may not repeat: the programme's publics and the standard ones. */
const takenLabels = (current: ProgramState | null) => [
  ...(current?.audiences ?? []).map((a) => a.label),
  ...Object.values(STANDARD_AUDIENCES).map((a) => a.label),
];

export function validateAmendment(
  v: AmendmentValues,
  opened: ProgramState | null = null,
  history?: AmendmentHistory,
): FieldErrors {
  const base = baseOf(v, opened, history);
  const current = shownOf(v, opened, history);
  const e: FieldErrors = {
    ...validateBudget(v, current),
    ...validateOthers(v, takenLabels(current), AMENDED_OTHER),
  };
  for (const f of REQUIRED) if (!v[f].trim()) e[f] = `Renseignez le champ « ${LABELS[f]} ».`;
  for (const f of DATES)
    if (v[f] && !e[f] && !isIsoDay(v[f])) e[f] = 'Saisissez une date valide (jj/mm/aaaa).';
  for (const f of COUNTS) {
    if (!v[f].trim()) continue;
    const r = parseNonNegativeInt(v[f]);
    if (!r.ok) e[f] = r.error;
  }
  if (v['changes.faceValueCents'].trim()) {
    const r = parseEurosToCents(v['changes.faceValueCents']);
    if (!r.ok) e['changes.faceValueCents'] = r.error;
  }
  const start = v['changes.calendar.distributionStart'];
  const end = v['changes.calendar.distributionEnd'];
  if (start && end && !e['changes.calendar.distributionEnd'] && end < start) {
    e['changes.calendar.distributionEnd'] = 'La fin de la distribution doit suivre son début.';
  }
  const late = count(v['changes.lateSessionDays']);
  if (late !== null && late > MAX_LATE_SESSION_DAYS && !e['changes.lateSessionDays'])
    e['changes.lateSessionDays'] = `Le délai ne peut pas dépasser ${MAX_LATE_SESSION_DAYS} jours.`;
  if (v['changes.audiences'] === NO_AUDIENCE && otherCount(v, AMENDED_OTHER) === 0) {
    e['changes.audiences'] = 'Choisissez au moins un public visé, ou laissez les publics actuels cochés.';
  }
  if (
    !CHANGE_FIELDS.some((f) => v[f].trim()) &&
    budgetChanges(v, current, base) === null &&
    audiencesChange(v, current, base) === undefined
  ) {
    e.changes = 'Indiquez au moins une modification apportée par la délibération.';
  }
  return e;
}

const count = (s: string): number | null => {
  if (!s.trim()) return null;
  const r = parseNonNegativeInt(s);
  return r.ok ? r.value : null;
};

/**
 * Only the fields the user filled become `changes`: an empty field means "unchanged". The budget
 * and the publics, which the form shows as they stand, are sent when they differ from `baseOf`.
 */
export function toAmendmentInput(
  v: AmendmentValues,
  opened: ProgramState | null = null,
  history?: AmendmentHistory,
): CreateAmendmentInput {
  const base = baseOf(v, opened, history);
  const state = shownOf(v, opened, history);
  const changes: ProgramChanges = {};
  const passes = count(v['changes.plannedPasses']);
  if (passes !== null) changes.plannedPasses = passes;
  if (v['changes.faceValueCents'].trim()) {
    const r = parseEurosToCents(v['changes.faceValueCents']);
    if (r.ok) changes.faceValueCents = r.value;
  }
  const calendar: NonNullable<ProgramChanges['calendar']> = {};
  if (v['changes.calendar.distributionStart'])
    calendar.distributionStart = v['changes.calendar.distributionStart'];
  if (v['changes.calendar.distributionEnd']) calendar.distributionEnd = v['changes.calendar.distributionEnd'];
  if (v['changes.calendar.usageEnd']) calendar.usageEnd = v['changes.calendar.usageEnd'];
  if (v['changes.calendar.closure']) calendar.closure = v['changes.calendar.closure'];
  if (Object.keys(calendar).length > 0) changes.calendar = calendar;
  if (v['changes.status']) changes.status = v['changes.status'] as ProgramStatus;
  const late = count(v['changes.lateSessionDays']);
  if (late !== null) changes.lateSessionDays = late;
  const budget = budgetChanges(v, state, base);
  if (budget) changes.budget = budget;
  const audiences = audiencesChange(v, state, base);
  if (audiences) changes.audiences = audiences;
  return {
    effectiveOn: v.effectiveOn,
    legal: {
      body: v['legal.body'].trim(),
      number: v['legal.number'].trim(),
      decidedOn: v['legal.decidedOn'],
      votesFor: count(v['legal.votesFor']),
      votesAgainst: count(v['legal.votesAgainst']),
      abstentions: count(v['legal.abstentions']),
      text: v['legal.text'].trim(),
    },
    changes,
    ...(v.rectifies && { rectifies: v.rectifies }),
  };
}
