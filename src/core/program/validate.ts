import type { FieldIssue } from '../errors.js';
import { BUDGET_FIELDS, CALENDAR_FIELDS, FIELD_DEFAULTS, PROGRAM_FIELDS, WHOLE_FIELDS } from './changes.js';
import type { ProgramChanges, ProgramState, ProgramStateInput } from './types.js';
import { validateBudgetChanges } from './validate-budget.js';
import { CALENDAR, calendarIssues, issue, LABELS, WHOLE_RULES } from './validate-fields.js';

export type { FieldIssue } from '../errors.js';

/*
 * Business rules of a programme, as French messages naming the field. The HTTP
 * layer's zod schemas check shapes first; these still never throw on bad shapes.
 */

const isRecord = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownKeys(value: object, known: readonly string[], prefix: string): FieldIssue[] {
  return Object.keys(value)
    .filter((k) => !known.includes(k))
    .map((k) => issue(`${prefix}${k}`, `Le champ « ${prefix}${k} » n'existe pas.`));
}

/**
 * Rules for the fields an amendment carries. Calendar order is only checked among
 * the dates it carries: also validate the resulting state (validateProgramState of
 * applyChanges(before, changes)) to catch a new end date before the kept start date.
 */
export function validateChanges(changes: ProgramChanges): FieldIssue[] {
  if (!isRecord(changes)) return [issue('', 'Les modifications doivent être un objet.')];
  const issues = unknownKeys(changes, PROGRAM_FIELDS, '');
  for (const key of WHOLE_FIELDS) {
    if (changes[key] !== undefined) issues.push(...WHOLE_RULES[key](changes[key]));
  }
  const { calendar, budget } = changes;
  if (calendar !== undefined) {
    if (!isRecord(calendar)) issues.push(issue('calendar', 'Le calendrier doit être un objet.'));
    else issues.push(...unknownKeys(calendar, CALENDAR_FIELDS, 'calendar.'), ...calendarIssues(calendar));
  }
  if (budget !== undefined) {
    if (!isRecord(budget)) issues.push(issue('budget', 'Le budget doit être un objet.'));
    else issues.push(...unknownKeys(budget, BUDGET_FIELDS, 'budget.'), ...validateBudgetChanges(budget));
  }
  return issues;
}

/** A full state (a creation's, or the result of amendments): every field present and valid. */
export function validateProgramState(state: ProgramState | ProgramStateInput): FieldIssue[] {
  if (!isRecord(state)) return [issue('', 'Le dispositif doit être un objet.')];
  const s = state as ProgramChanges;
  const missing: [string, string | undefined][] = [
    ...WHOLE_FIELDS.filter((k) => s[k] === undefined && !(k in FIELD_DEFAULTS)).map(
      (k): [string, string | undefined] => [k, LABELS[k]],
    ),
    ...CALENDAR.filter((c) => s.calendar?.[c.key] === undefined).map((c): [string, string] => [
      `calendar.${c.key}`,
      c.label,
    ]),
    ...BUDGET_FIELDS.filter((k) => s.budget?.[k] === undefined).map((k): [string, string | undefined] => [
      `budget.${k}`,
      LABELS[`budget.${k}`],
    ]),
  ];
  return [...missing.map(([field, label]) => issue(field, `Renseignez ${label}.`)), ...validateChanges(s)];
}
