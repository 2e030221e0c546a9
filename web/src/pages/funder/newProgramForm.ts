import { STANDARD_AUDIENCES } from '../../../../src/core/program/audiences';
import { DEFAULT_LATE_SESSION_DAYS, MAX_LATE_SESSION_DAYS } from '../../../../src/core/program/changes';
import type { BookletSize, BudgetLine, CreateProgramInput, ProgramStatus } from '../../api/types';
import { isIsoDay } from '../../lib/format';
import { ageRange } from '../../lib/labels';
import { parseEurosToCents, parseNonNegativeInt } from '../../lib/parse';
import type { FieldErrors } from '../../ui/form/useForm';
import {
  cofunderCount,
  cofunderGroups,
  cofunderLabels,
  toCofunders,
  validateCofunders,
} from './cofundersForm';
import { otherCount, otherGroups, otherLabels, toOtherAudiences, validateOthers } from './otherAudiencesForm';

/*
 * The founding deliberation's form. Field names are the API's paths ('state.calendar.usageEnd'),
 * so a 422's `errors[].field` lands beside the input that produced it. A list (booklet sizes,
 * audiences) is kept as its values joined by commas, as the form's values are strings.
 */
export const EMPTY = {
  effectiveOn: '',
  'legal.body': '',
  'legal.number': '',
  'legal.decidedOn': '',
  'legal.votesFor': '',
  'legal.votesAgainst': '',
  'legal.abstentions': '',
  'legal.text': '',
  'state.name': '',
  'state.faceValueCents': '',
  'state.bookletSizes': '10',
  'state.plannedPasses': '',
  'state.audiences': '',
  'state.passesPerBeneficiary': '',
  'state.calendar.distributionStart': '',
  'state.calendar.distributionEnd': '',
  'state.calendar.usageEnd': '',
  'state.calendar.closure': '',
  'state.lateSessionDays': String(DEFAULT_LATE_SESSION_DAYS),
  'state.budget.acquisition': '',
  'state.budget.engineering': '',
  'state.status': 'active',
};
/**
 * Plus the co-funders' rows, `state.budget.cofunders.0.name` and so on (cofundersForm.ts), and
 * the publics the standard list lacks, `state.otherAudiences.0.label`… (otherAudiencesForm.ts).
 */
export type NewProgramValues = typeof EMPTY & Record<string, string>;
export type NewProgramField = keyof typeof EMPTY;
export const COFUNDERS = 'state.budget.cofunders';

/** Fieldsets that API errors may name without naming one input ('state.budget.lines.0.amountCents'). */
export const GROUPS = ['legal', 'state', 'state.calendar', 'state.budget'] as const;

/** The groups and labels of the form as it stands, with one per co-funder's row. */
export const groupsOf = (v: NewProgramValues): string[] => [
  ...GROUPS,
  ...cofunderGroups(COFUNDERS, cofunderCount(v, COFUNDERS)),
  ...otherGroups(otherCount(v)),
];
export const labelsOf = (v: NewProgramValues): Record<string, string> => ({
  ...LABELS,
  ...cofunderLabels(COFUNDERS, cofunderCount(v, COFUNDERS)),
  ...otherLabels(otherCount(v)),
});

export const LABELS: Record<NewProgramField | (typeof GROUPS)[number], string> = {
  legal: 'Délibération fondatrice',
  state: 'Dispositif',
  'state.calendar': 'Calendrier',
  'state.budget': 'Budget',
  effectiveOn: 'Date d’effet',
  'legal.body': 'Instance qui a délibéré',
  'legal.number': 'Numéro de la délibération',
  'legal.decidedOn': 'Date de la décision',
  'legal.votesFor': 'Votes pour',
  'legal.votesAgainst': 'Votes contre',
  'legal.abstentions': 'Abstentions',
  'legal.text': 'Texte de la délibération',
  'state.name': 'Nom du dispositif',
  'state.faceValueCents': 'Valeur faciale d’un pass, en euros',
  'state.bookletSizes': 'Tailles des carnets',
  'state.plannedPasses': 'Nombre de pass prévus',
  'state.audiences': 'Publics visés',
  'state.passesPerBeneficiary': 'Pass par personne',
  'state.calendar.distributionStart': 'Début de la distribution',
  'state.calendar.distributionEnd': 'Fin de la distribution',
  'state.calendar.usageEnd': 'Fin d’utilisation des pass',
  'state.calendar.closure': 'Clôture du dispositif',
  'state.lateSessionDays': 'Délai pour enregistrer une séance tardive, en jours',
  'state.budget.acquisition': 'Acquisition des pass, en euros',
  'state.budget.engineering': 'Ingénierie d’accompagnement, en euros',
  'state.status': 'Mise en œuvre',
};

export const BOOKLET_SIZE_OPTIONS = [
  { value: '5', label: 'Carnets de 5 pass' },
  { value: '10', label: 'Carnets de 10 pass' },
];

/** The platform's standard publics, chosen by their label; the code is what the API keeps. */
export const AUDIENCE_OPTIONS = Object.entries(STANDARD_AUDIENCES).map(([value, a]) => {
  const range = ageRange(a);
  return { value, label: range && !a.label.includes(range) ? `${a.label} (${range})` : a.label };
});

export const STATUS_OPTIONS: { value: ProgramStatus; label: string }[] = [
  { value: 'active', label: 'Le dispositif suit son calendrier dès sa date d’effet' },
  { value: 'draft', label: 'Brouillon : le dispositif est préparé, rien ne circule encore' },
];

export const splitList = (s: string): string[] => s.split(',').filter(Boolean);

const REQUIRED: NewProgramField[] = [
  'effectiveOn',
  'legal.body',
  'legal.number',
  'legal.decidedOn',
  'state.name',
  'state.faceValueCents',
  'state.plannedPasses',
  'state.calendar.distributionStart',
  'state.calendar.distributionEnd',
  'state.calendar.usageEnd',
  'state.lateSessionDays',
];
const DATES: NewProgramField[] = [
  'effectiveOn',
  'legal.decidedOn',
  'state.calendar.distributionStart',
  'state.calendar.distributionEnd',
  'state.calendar.usageEnd',
  'state.calendar.closure',
];
const COUNTS: NewProgramField[] = [
  'legal.votesFor',
  'legal.votesAgainst',
  'legal.abstentions',
  'state.plannedPasses',
  'state.passesPerBeneficiary',
  'state.lateSessionDays',
];
const EUROS: NewProgramField[] = [
  'state.faceValueCents',
  'state.budget.acquisition',
  'state.budget.engineering',
];

/** The checks a person can be told before sending; the server checks the rest (and these again). */
export function validateNewProgram(v: NewProgramValues): FieldErrors {
  const e: FieldErrors = {
    ...validateCofunders(v, COFUNDERS),
    ...validateOthers(
      v,
      Object.values(STANDARD_AUDIENCES).map((a) => a.label),
    ),
  };
  for (const f of REQUIRED) if (!v[f].trim()) e[f] = `Renseignez le champ « ${LABELS[f]} ».`;
  for (const f of DATES)
    if (v[f] && !e[f] && !isIsoDay(v[f])) e[f] = 'Saisissez une date valide (jj/mm/aaaa).';
  for (const f of COUNTS) {
    if (!v[f].trim() || e[f]) continue;
    const r = parseNonNegativeInt(v[f]);
    if (!r.ok) e[f] = r.error;
  }
  for (const f of EUROS) {
    if (!v[f].trim() || e[f]) continue;
    const r = parseEurosToCents(v[f]);
    if (!r.ok) e[f] = r.error;
  }
  if (
    !e['state.faceValueCents'] &&
    v['state.faceValueCents'].trim() &&
    cents(v['state.faceValueCents']) === 0
  )
    e['state.faceValueCents'] = 'La valeur faciale d’un pass doit être supérieure à zéro.';
  if (!e['state.passesPerBeneficiary'] && count(v['state.passesPerBeneficiary']) === 0)
    e['state.passesPerBeneficiary'] =
      'Indiquez au moins 1 pass, ou laissez vide pour un carnet par personne.';
  if (!e['state.lateSessionDays'] && (count(v['state.lateSessionDays']) ?? 0) > MAX_LATE_SESSION_DAYS)
    e['state.lateSessionDays'] = `Le délai ne peut pas dépasser ${MAX_LATE_SESSION_DAYS} jours.`;
  if (splitList(v['state.bookletSizes']).length === 0)
    e['state.bookletSizes'] = 'Choisissez au moins une taille de carnet.';
  if (splitList(v['state.audiences']).length === 0 && otherCount(v) === 0)
    e['state.audiences'] = 'Choisissez au moins un public visé, ou ajoutez-en un autre.';
  const start = v['state.calendar.distributionStart'];
  const end = v['state.calendar.distributionEnd'];
  if (isIsoDay(start) && isIsoDay(end) && !e['state.calendar.distributionEnd'] && end < start)
    e['state.calendar.distributionEnd'] = 'La fin de la distribution doit suivre son début.';
  return e;
}

const count = (s: string): number | null => {
  const r = parseNonNegativeInt(s);
  return s.trim() && r.ok ? r.value : null;
};
const cents = (s: string): number | null => {
  const r = parseEurosToCents(s);
  return s.trim() && r.ok ? r.value : null;
};

/** The budget as lines: only the amounts typed (an empty budget is allowed, amended later). */
function budgetLines(v: NewProgramValues): BudgetLine[] {
  const lines: BudgetLine[] = [];
  const acquisition = cents(v['state.budget.acquisition']);
  if (acquisition !== null)
    lines.push({ kind: 'acquisition', label: 'Acquisition des pass', amountCents: acquisition });
  const engineering = cents(v['state.budget.engineering']);
  if (engineering !== null)
    lines.push({ kind: 'engineering', label: 'Ingénierie d’accompagnement', amountCents: engineering });
  return lines;
}

/** Call only once `validateNewProgram` found nothing: unparsable figures would become zeros. */
export function toCreateProgramInput(v: NewProgramValues): CreateProgramInput {
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
    state: {
      name: v['state.name'].trim(),
      faceValueCents: cents(v['state.faceValueCents']) ?? 0,
      bookletSizes: splitList(v['state.bookletSizes']).map(Number) as BookletSize[],
      plannedPasses: count(v['state.plannedPasses']) ?? 0,
      // Bare codes: the server gives a standard public its label and age bounds; the others
      // go with their label and bounds, and the code made from the label.
      audiences: [...splitList(v['state.audiences']), ...toOtherAudiences(v)],
      passesPerBeneficiary: count(v['state.passesPerBeneficiary']),
      lateSessionDays: count(v['state.lateSessionDays']) ?? DEFAULT_LATE_SESSION_DAYS,
      calendar: {
        distributionStart: v['state.calendar.distributionStart'],
        distributionEnd: v['state.calendar.distributionEnd'],
        usageEnd: v['state.calendar.usageEnd'],
        closure: v['state.calendar.closure'] || null,
      },
      reportingDeadlines: [],
      budget: {
        lines: budgetLines(v),
        cofunders: toCofunders(v, COFUNDERS),
        phasing: [],
        engineeringCeilingBps: null,
      },
      status: v['state.status'] as ProgramStatus,
    },
  };
}

/** « 10 000 pass à 10,00 € : 100 000,00 € », to help fill the acquisition line; null until both are typed. */
export function passesValueCents(v: NewProgramValues): number | null {
  const face = cents(v['state.faceValueCents']);
  const planned = count(v['state.plannedPasses']);
  return face !== null && planned !== null ? face * planned : null;
}
