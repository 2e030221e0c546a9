import { sameValue } from '../../../../src/core/program/changes';
import type { Budget, BudgetLine, BudgetLineKind, ProgramState } from '../../api/types';
import { formatCents } from '../../lib/format';
import { formatCentsInput, parseEurosToCents } from '../../lib/parse';
import type { FieldErrors } from '../../ui/form/useForm';
import {
  cofunderCount,
  cofunderGroups,
  cofunderLabels,
  cofunderValues,
  comparableCofunder,
  toCofunders,
  validateCofunders,
} from './cofundersForm';

/*
 * The budget part of an amendment. The form opens with the budget in force (its lines'
 * amounts, its co-funders), which the person edits. An amendment's `changes.budget` replaces
 * each of its keys whole (core/program/changes.ts applyChanges: `lines` and `cofunders` are
 * lists, and a list given replaces the list): so a changed list is sent in full, every line or
 * co-funder kept included, and an unchanged one is not sent at all.
 */
export const COFUNDERS = 'changes.budget.cofunders';
const lineField = (i: number) => `changes.budget.lines.${i}.amountCents`;

const STANDARD: { kind: BudgetLineKind; label: string }[] = [
  { kind: 'acquisition', label: 'Acquisition des pass' },
  { kind: 'engineering', label: 'Ingénierie d’accompagnement' },
];

type Row = Omit<BudgetLine, 'amountCents'> & { amountCents: number | null };

/** The lines shown: the current ones in their order, then an empty one for each usual kind the budget lacks. */
export function lineRows(current: ProgramState | null): Row[] {
  const lines = current?.budget.lines ?? [];
  return [
    ...lines,
    ...STANDARD.filter((s) => !lines.some((l) => l.kind === s.kind)).map((s) => ({
      ...s,
      amountCents: null,
    })),
  ];
}

export function budgetValues(current: ProgramState | null): Record<string, string> {
  const v: Record<string, string> = {};
  lineRows(current).forEach((row, i) => {
    v[lineField(i)] = row.amountCents === null ? '' : formatCentsInput(row.amountCents);
  });
  return { ...v, ...cofunderValues(COFUNDERS, current?.budget.cofunders ?? []) };
}

/** « Acquisition des pass, en euros »; a label two lines share gets its line number. */
export function budgetLabels(
  current: ProgramState | null,
  v: Record<string, string>,
): Record<string, string> {
  const rows = lineRows(current);
  const labels: Record<string, string> = {};
  rows.forEach((row, i) => {
    const twice = rows.filter((r) => r.label === row.label).length > 1;
    labels[lineField(i)] = `${row.label}${twice ? ` (ligne ${i + 1})` : ''}, en euros`;
  });
  return { ...labels, ...cofunderLabels(COFUNDERS, cofunderCount(v, COFUNDERS)) };
}

/** The line fields to show, with their names and what they hold today. */
export function lineFields(current: ProgramState | null): { name: string; hint: string }[] {
  return lineRows(current).map((row, i) => ({
    name: lineField(i),
    hint:
      row.amountCents === null
        ? 'Facultatif : pas de telle ligne au budget actuellement.'
        : `Actuellement : ${formatCents(row.amountCents)}.`,
  }));
}

export const budgetGroups = (v: Record<string, string>): string[] =>
  cofunderGroups(COFUNDERS, cofunderCount(v, COFUNDERS));

export function validateBudget(v: Record<string, string>, current: ProgramState | null): FieldErrors {
  const e: FieldErrors = {};
  lineRows(current).forEach((row, i) => {
    const typed = (v[lineField(i)] ?? '').trim();
    if (!typed) {
      if (row.amountCents !== null)
        e[lineField(i)] = 'Indiquez un montant, 0 s’il ne reste rien sur cette ligne.';
      return;
    }
    const r = parseEurosToCents(typed);
    if (!r.ok) e[lineField(i)] = r.error;
  });
  return { ...e, ...validateCofunders(v, COFUNDERS) };
}

/** The lines as typed: a new line left empty is not one; an unparsable amount counts as a change. */
function toLines(v: Record<string, string>, current: ProgramState | null): BudgetLine[] {
  return lineRows(current).flatMap((row, i) => {
    const typed = (v[lineField(i)] ?? '').trim();
    if (!typed) return [];
    const r = parseEurosToCents(typed);
    return [{ kind: row.kind, label: row.label, amountCents: r.ok ? r.value : Number.NaN }];
  });
}

/**
 * What the amendment changes in the budget, each changed list in full; null when nothing changes.
 * `current` is the state the form opened with (its rows are the form's lines); `base` is what the
 * amendment applies to: the same state for an ordinary amendment, but for a rectifying one the
 * programme without the amendment it rectifies (amendmentForm.ts baseOf), which a list the
 * rectifying amendment leaves out falls back to.
 */
export function budgetChanges(
  v: Record<string, string>,
  current: ProgramState | null,
  base: ProgramState | null = current,
): Partial<Budget> | null {
  const budget: Partial<Budget> = {};
  const lines = toLines(v, current);
  if (!sameValue(lines, base?.budget.lines ?? [])) budget.lines = lines;
  const cofunders = toCofunders(v, COFUNDERS);
  if (!sameValue(cofunders, (base?.budget.cofunders ?? []).map(comparableCofunder)))
    budget.cofunders = cofunders;
  return Object.keys(budget).length > 0 ? budget : null;
}
