import type { FieldIssue } from '../errors.js';
import { FULL_BPS } from '../money.js';
import type { Budget, BudgetLine, Cofunder, PhasingEntry } from './types.js';
import { blank, issue, unless } from './validate-fields.js';

/*
 * Budget rules. Field paths join array indexes with dots ('budget.lines.0.amountCents'),
 * like a joined zod issue path, so forms can put the message beside the input.
 * Items are read with `?.` because stored JSON may hold anything.
 */

const KINDS = new Set(['acquisition', 'engineering', 'other']);
const isCents = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
const isBps = (n: unknown) => isCents(n) && (n as number) <= FULL_BPS;
const CENTS = 'doit être un nombre entier de centimes positif ou nul.';
const named = (name: unknown, i: number) => (blank(name) ? `n° ${i + 1}` : `« ${name as string} »`);

function lineIssues(line: BudgetLine | undefined, i: number): FieldIssue[] {
  const at = `budget.lines.${i}`;
  const which = named(line?.label, i);
  return [
    ...unless(
      !blank(line?.label),
      `${at}.label`,
      `Le libellé de la ligne budgétaire n° ${i + 1} est obligatoire.`,
    ),
    ...unless(
      KINDS.has(line?.kind as string),
      `${at}.kind`,
      `La nature de la ligne budgétaire ${which} doit être acquisition, ingénierie ou autre.`,
    ),
    ...unless(
      isCents(line?.amountCents),
      `${at}.amountCents`,
      `Le montant de la ligne budgétaire ${which} ${CENTS}`,
    ),
  ];
}

function cofunderIssues(c: Cofunder | undefined, i: number): FieldIssue[] {
  const at = `budget.cofunders.${i}`;
  const who = named(c?.name, i);
  const hasAmount = c?.amountCents !== undefined && c?.amountCents !== null;
  const hasShare = c?.shareBps !== undefined && c?.shareBps !== null;
  return [
    ...unless(!blank(c?.name), `${at}.name`, `Le nom du cofinanceur n° ${i + 1} est obligatoire.`),
    ...unless(
      hasAmount !== hasShare,
      at,
      `Le cofinanceur ${who} doit avoir soit un montant, soit une part du total, et pas les deux.`,
    ),
    ...unless(
      !hasAmount || isCents(c?.amountCents),
      `${at}.amountCents`,
      `Le montant du cofinanceur ${who} ${CENTS}`,
    ),
    ...unless(
      !hasShare || isBps(c?.shareBps),
      `${at}.shareBps`,
      `La part du cofinanceur ${who} doit être comprise entre 0 et 100 %.`,
    ),
    ...unless(
      c?.usedShareBps === undefined || c?.usedShareBps === null || isBps(c?.usedShareBps),
      `${at}.usedShareBps`,
      `La part des pass utilisés que paie le cofinanceur ${who} doit être comprise entre 0 et 100 %, ou absente.`,
    ),
  ];
}

function phasingIssues(phasing: PhasingEntry[]): FieldIssue[] {
  const seen = new Set<unknown>();
  return phasing.flatMap((p, i) => {
    const at = `budget.phasing.${i}`;
    const year = p?.year;
    const inRange = Number.isInteger(year) && year >= 2000 && year <= 2100;
    const issues = [
      ...unless(
        inRange,
        `${at}.year`,
        `L'année de l'échéancier n° ${i + 1} doit être comprise entre 2000 et 2100.`,
      ),
      ...unless(
        !inRange || !seen.has(year),
        `${at}.year`,
        `L'année ${year} apparaît plusieurs fois dans l'échéancier.`,
      ),
      ...unless(
        isCents(p?.amountCents),
        `${at}.amountCents`,
        `Le montant de l'échéancier n° ${i + 1} ${CENTS}`,
      ),
    ];
    seen.add(year);
    return issues;
  });
}

function listIssues<T>(key: string, what: string, value: T[] | undefined, each: (v: T[]) => FieldIssue[]) {
  if (value === undefined) return [];
  return Array.isArray(value) ? each(value) : [issue(`budget.${key}`, `${what} doit être une liste.`)];
}

/** Rules for whichever budget fields are present (a creation has them all, an amendment some). */
export function validateBudgetChanges(budget: Partial<Budget>): FieldIssue[] {
  const ceiling = budget.engineeringCeilingBps;
  return [
    ...listIssues('lines', 'Le budget', budget.lines, (lines) => lines.flatMap(lineIssues)),
    ...listIssues('cofunders', 'La liste des cofinanceurs', budget.cofunders, (list) =>
      list.flatMap(cofunderIssues),
    ),
    ...listIssues('phasing', "L'échéancier", budget.phasing, phasingIssues),
    ...unless(
      ceiling === undefined || ceiling === null || isBps(ceiling),
      'budget.engineeringCeilingBps',
      "Le plafond de l'ingénierie d'accompagnement doit être compris entre 0 et 100 %, ou absent.",
    ),
  ];
}
