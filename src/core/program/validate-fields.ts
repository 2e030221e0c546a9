import { isIsoDate } from '../dates.js';
import type { FieldIssue } from '../errors.js';
import { MAX_LATE_SESSION_DAYS, type WholeField } from './changes.js';
import type { Calendar } from './types.js';

/*
 * Rules for each programme field. They take `unknown` because the data may come
 * from stored JSON as well as from a checked request: bad input yields an issue,
 * never an exception. Messages are French and name the field as the form does.
 */

export const issue = (field: string, message: string): FieldIssue => ({ field, message });
export const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';
export const unless = (ok: boolean, field: string, message: string) => (ok ? [] : [issue(field, message)]);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Lower-case names, for « Renseignez … ». */
export const LABELS: Record<string, string> = {
  name: 'le nom du dispositif',
  faceValueCents: 'la valeur faciale du pass',
  bookletSizes: 'les tailles de carnet',
  plannedPasses: 'le nombre de pass prévus',
  audiences: 'les publics visés',
  passesPerBeneficiary: 'le nombre de pass par bénéficiaire',
  lateSessionDays: 'le délai de tolérance pour les séances tardives',
  reportingDeadlines: 'les échéances de rapport',
  status: 'le statut',
  'budget.lines': 'les lignes du budget',
  'budget.cofunders': 'les cofinanceurs',
  'budget.phasing': "l'échéancier des paiements",
  'budget.engineeringCeilingBps': "le plafond de l'ingénierie d'accompagnement",
};

// In the order the calendar must respect; `after` completes « … doit être postérieure ou égale ».
export const CALENDAR: { key: keyof Calendar; label: string; after: string }[] = [
  { key: 'distributionStart', label: 'la date de début de distribution', after: 'au début de distribution' },
  { key: 'distributionEnd', label: 'la date de fin de distribution', after: 'à la fin de distribution' },
  { key: 'usageEnd', label: "la date de fin d'utilisation", after: "à la fin d'utilisation" },
  { key: 'closure', label: 'la date de clôture', after: 'à la clôture' },
];

function bookletSizeIssues(v: unknown): FieldIssue[] {
  const sizes: unknown[] = Array.isArray(v) ? v : [];
  const at = 'bookletSizes';
  if (sizes.length === 0)
    return [issue(at, 'Les tailles de carnet doivent comporter au moins une taille (5 ou 10 pass).')];
  if (sizes.some((s) => s !== 5 && s !== 10))
    return [issue(at, 'Les tailles de carnet ne peuvent être que 5 ou 10 pass.')];
  return unless(
    new Set(sizes).size === sizes.length,
    at,
    'Les tailles de carnet ne doivent pas comporter de doublon.',
  );
}

function deadlineIssues(v: unknown): FieldIssue[] {
  if (!Array.isArray(v))
    return [issue('reportingDeadlines', 'Les échéances de rapport doivent être une liste.')];
  return v.flatMap((d: { label?: unknown; dueOn?: unknown } | null, i) => [
    ...unless(
      !blank(d?.label),
      `reportingDeadlines.${i}.label`,
      `Le libellé de l'échéance de rapport n° ${i + 1} est obligatoire.`,
    ),
    ...unless(
      typeof d?.dueOn === 'string' && isIsoDate(d.dueOn),
      `reportingDeadlines.${i}.dueOn`,
      `La date de l'échéance de rapport n° ${i + 1} n'est pas une date valide (AAAA-MM-JJ).`,
    ),
  ]);
}

const isAge = (v: unknown) =>
  v === null || v === undefined || (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 120);

/** Each audience: a code, a label, bounds that are ages and in order; no code twice. */
function audienceIssues(v: unknown): FieldIssue[] {
  if (!Array.isArray(v)) return [issue('audiences', 'Les publics visés doivent être une liste.')];
  const seen = new Set<unknown>();
  return v.flatMap((raw: unknown, i) => {
    const a = (typeof raw === 'string' ? { code: raw } : raw) as {
      code?: unknown;
      label?: unknown;
      minAge?: unknown;
      maxAge?: unknown;
    } | null;
    const at = `audiences.${i}`;
    const n = `du public n° ${i + 1}`;
    const issues = [
      ...unless(!blank(a?.code), `${at}.code`, `Le code ${n} est obligatoire.`),
      ...unless(
        a?.label === undefined || a?.label === null || !blank(a.label),
        `${at}.label`,
        `Le libellé ${n} ne peut pas être vide.`,
      ),
      ...unless(
        isAge(a?.minAge),
        `${at}.minAge`,
        `L'âge minimum ${n} doit être un nombre entier d'années entre 0 et 120.`,
      ),
      ...unless(
        isAge(a?.maxAge),
        `${at}.maxAge`,
        `L'âge maximum ${n} doit être un nombre entier d'années entre 0 et 120.`,
      ),
      ...unless(
        !(isAge(a?.minAge) && isAge(a?.maxAge)) ||
          a?.minAge == null ||
          a?.maxAge == null ||
          (a.minAge as number) <= (a.maxAge as number),
        `${at}.maxAge`,
        `L'âge maximum ${n} doit être supérieur ou égal à son âge minimum.`,
      ),
      ...unless(
        !seen.has(a?.code),
        `${at}.code`,
        `Le code « ${String(a?.code)} » apparaît plusieurs fois dans les publics visés.`,
      ),
    ];
    seen.add(a?.code);
    return issues;
  });
}

export const WHOLE_RULES: Record<WholeField, (value: unknown) => FieldIssue[]> = {
  name: (v) => unless(!blank(v), 'name', 'Le nom du dispositif est obligatoire.'),
  faceValueCents: (v) =>
    unless(
      Number.isSafeInteger(v) && (v as number) > 0,
      'faceValueCents',
      'La valeur faciale du pass doit être un nombre entier de centimes strictement positif.',
    ),
  bookletSizes: bookletSizeIssues,
  plannedPasses: (v) =>
    unless(
      Number.isSafeInteger(v) && (v as number) >= 0,
      'plannedPasses',
      'Le nombre de pass prévus doit être un nombre entier positif ou nul.',
    ),
  audiences: audienceIssues,
  passesPerBeneficiary: (v) =>
    unless(
      v === null || (Number.isSafeInteger(v) && (v as number) >= 1),
      'passesPerBeneficiary',
      'Le nombre de pass par bénéficiaire doit être un nombre entier strictement positif, ou vide pour un carnet.',
    ),
  lateSessionDays: (v) =>
    unless(
      Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_LATE_SESSION_DAYS,
      'lateSessionDays',
      `Le délai de tolérance pour les séances tardives doit être un nombre entier de jours entre 0 et ${MAX_LATE_SESSION_DAYS}.`,
    ),
  reportingDeadlines: deadlineIssues,
  status: (v) =>
    unless(
      ['draft', 'active', 'suspended', 'closed'].includes(v as string),
      'status',
      'Le statut doit être : brouillon, actif, suspendu ou clos.',
    ),
};

/** Each date present must be real and not before the previous one present (a null closure: not closed yet). */
export function calendarIssues(calendar: Partial<Calendar>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const dated: { key: keyof Calendar; label: string; after: string; value: string }[] = [];
  for (const entry of CALENDAR) {
    const value = calendar[entry.key];
    if (value === undefined || (value === null && entry.key === 'closure')) continue;
    if (typeof value === 'string' && isIsoDate(value)) dated.push({ ...entry, value });
    else
      issues.push(
        issue(`calendar.${entry.key}`, `${cap(entry.label)} n'est pas une date valide (AAAA-MM-JJ).`),
      );
  }
  dated.forEach((cur, i) => {
    const prev = dated[i - 1];
    if (prev && prev.value > cur.value) {
      issues.push(
        issue(`calendar.${cur.key}`, `${cap(cur.label)} doit être postérieure ou égale ${prev.after}.`),
      );
    }
  });
  return issues;
}
