import type { Cofunder } from '../../api/types';
import { formatBpsInput, formatCentsInput, parseEurosToCents, parsePercentToBps } from '../../lib/parse';
import type { FieldErrors } from '../../ui/form/useForm';

/*
 * A budget's co-funders as rows of a form whose values are strings keyed by the API's paths:
 * `${list}.0.name`, `${list}.0.amountCents`… with `list` 'state.budget.cofunders' (a creation)
 * or 'changes.budget.cofunders' (an amendment), so a 422 on 'changes.budget.cofunders.1.shareBps'
 * lands beside that input. A co-funder is named as people know it (« CAF de la Somme »), its part
 * is either an amount in euros or a percentage of the budget, and its convention may make it
 * pay a share of the value of the passes used.
 */
type Values = Record<string, string>;

export const COFUNDER_PARTS = ['name', 'amountCents', 'shareBps', 'usedShareBps'] as const;
/** The API's limit (schemas.ts). */
export const MAX_COFUNDERS = 20;

const at = (list: string, i: number, part: (typeof COFUNDER_PARTS)[number]) => `${list}.${i}.${part}`;

/** The rows are numbered from 0 without gaps: add and remove keep them so. */
export function cofunderCount(v: Values, list: string): number {
  let n = 0;
  while (at(list, n, 'name') in v) n++;
  return n;
}

/** The rows pre-filled with co-funders as the API gives them (an amendment edits the current list). */
export function cofunderValues(list: string, cofunders: Cofunder[]): Values {
  const v: Values = {};
  cofunders.forEach((c, i) => {
    v[at(list, i, 'name')] = c.name;
    v[at(list, i, 'amountCents')] = c.amountCents == null ? '' : formatCentsInput(c.amountCents);
    v[at(list, i, 'shareBps')] = c.shareBps == null ? '' : formatBpsInput(c.shareBps);
    v[at(list, i, 'usedShareBps')] = c.usedShareBps == null ? '' : formatBpsInput(c.usedShareBps);
  });
  return v;
}

export function addCofunder<V extends Values>(v: V, list: string): V {
  const n = cofunderCount(v, list);
  const next: Values = { ...v };
  for (const part of COFUNDER_PARTS) next[at(list, n, part)] = '';
  return next as V;
}

/** Row i goes, the rows after it move up one place. */
export function removeCofunder<V extends Values>(v: V, list: string, i: number): V {
  const n = cofunderCount(v, list);
  const next: Values = { ...v };
  for (let k = i; k < n - 1; k++)
    for (const part of COFUNDER_PARTS) next[at(list, k, part)] = v[at(list, k + 1, part)] ?? '';
  for (const part of COFUNDER_PARTS) delete next[at(list, n - 1, part)];
  return next as V;
}

/** Labels numbered from 1, so that each repeated field has its own accessible name. */
export function cofunderLabels(list: string, n: number): Record<string, string> {
  const labels: Record<string, string> = { [list]: 'Cofinanceurs' };
  for (let i = 0; i < n; i++) {
    const k = i + 1;
    labels[`${list}.${i}`] = `Cofinanceur ${k}`;
    labels[at(list, i, 'name')] = `Nom du cofinanceur ${k}`;
    labels[at(list, i, 'amountCents')] = `Montant du cofinanceur ${k}, en euros`;
    labels[at(list, i, 'shareBps')] = `Part du budget du cofinanceur ${k}, en %`;
    labels[at(list, i, 'usedShareBps')] =
      `Part de la valeur des pass utilisés payée par le cofinanceur ${k}, en %`;
  }
  return labels;
}

/** The rows' fieldsets, which an API error on a whole co-funder ('….cofunders.0') names. */
export function cofunderGroups(list: string, n: number): string[] {
  return [list, ...Array.from({ length: n }, (_, i) => `${list}.${i}`)];
}

export function validateCofunders(v: Values, list: string): FieldErrors {
  const e: FieldErrors = {};
  const seen = new Set<string>();
  for (let i = 0; i < cofunderCount(v, list); i++) {
    const get = (part: (typeof COFUNDER_PARTS)[number]) => (v[at(list, i, part)] ?? '').trim();
    const name = get('name');
    if (!name) e[at(list, i, 'name')] = `Renseignez le nom du cofinanceur ${i + 1}, ou retirez-le.`;
    else if (seen.has(name.toLocaleLowerCase('fr')))
      e[at(list, i, 'name')] = `« ${name} » figure déjà parmi les cofinanceurs.`;
    seen.add(name.toLocaleLowerCase('fr'));
    const amount = get('amountCents');
    const share = get('shareBps');
    if (!amount && !share)
      e[at(list, i, 'amountCents')] = 'Indiquez sa part : soit un montant, soit un pourcentage du budget.';
    else if (amount && share)
      e[at(list, i, 'shareBps')] = 'Indiquez soit un montant, soit un pourcentage du budget, pas les deux.';
    if (amount) {
      const r = parseEurosToCents(amount);
      if (!r.ok) e[at(list, i, 'amountCents')] = r.error;
    }
    for (const part of ['shareBps', 'usedShareBps'] as const) {
      const r = parsePercentToBps(get(part));
      if (get(part) && !r.ok) e[at(list, i, part)] = r.error;
    }
  }
  return e;
}

/** The co-funders as the API takes them; a figure that does not parse is left out (validate first). */
export function toCofunders(v: Values, list: string): Cofunder[] {
  return Array.from({ length: cofunderCount(v, list) }, (_, i) => {
    const get = (part: (typeof COFUNDER_PARTS)[number]) => (v[at(list, i, part)] ?? '').trim();
    const c: Cofunder = { name: get('name') };
    const amount = parseEurosToCents(get('amountCents'));
    const share = parsePercentToBps(get('shareBps'));
    const used = parsePercentToBps(get('usedShareBps'));
    if (get('amountCents') && amount.ok) c.amountCents = amount.value;
    if (get('shareBps') && share.ok) c.shareBps = share.value;
    if (get('usedShareBps') && used.ok) c.usedShareBps = used.value;
    return c;
  });
}

/** A stored co-funder as `toCofunders` would give it back, to tell whether the list changed. */
export function comparableCofunder(c: Cofunder): Cofunder {
  return {
    name: c.name,
    ...(c.amountCents != null && { amountCents: c.amountCents }),
    ...(c.shareBps != null && { shareBps: c.shareBps }),
    ...(c.usedShareBps != null && { usedShareBps: c.usedShareBps }),
  };
}
