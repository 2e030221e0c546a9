import { applyBps, formatBps, formatEuros } from './money.js';
import { budgetView } from './program/budget.js';
import type { ProgramState } from './program/types.js';

/*
 * Co-funders' shares: what each co-funder owes by the rule of its convention, against what
 * it has paid. Pure: the ledger's figures come in, the shares come out.
 */

/**
 * The ledger accounts whose balance is the value of the passes used. A payment to a place
 * moves value from `redeemed` to `paid` (PAYMENTS-MODEL.md), so both count: a pass paid for
 * is still a pass used, and so is one whose remainder was written off. The one place that says what "used" is, in SQL and TypeScript alike.
 */
export const USED_ACCOUNTS = ['redeemed', 'paid', 'written_off'] as const;

/** The value of the passes used, from per-account sums. */
export function valueUsedCents(sums: readonly { account: string; amountCents: number }[]): number {
  return sums
    .filter((s) => (USED_ACCOUNTS as readonly string[]).includes(s.account))
    .reduce((t, s) => t + s.amountCents, 0);
}

export type ShareBasis = 'used' | 'budget';

export interface CofunderShare {
  name: string;
  basis: ShareBasis;
  /** Its convention's share of the value used; null for a co-funder owing its part of the budget. */
  usedShareBps: number | null;
  /** Its part of the budget (a fixed amount, or its share of the total): the most it owes. */
  budgetCents: number;
  /** The value of the passes used, the same for all: the figure the rule applies to. */
  usedCents: number;
  /** What it owes as its share. */
  owedCents: number;
  /** True when its share of the value used passes its part of the budget, which caps it. */
  capped: boolean;
  /** What it has paid, net of reversals. */
  receivedCents: number;
  /** Owed minus received: positive, to call for; negative, received beyond its share. */
  balanceCents: number;
}

/**
 * Each co-funder's share. A co-funder whose convention ties it to use owes its share of the
 * value used, never more than its part of the budget (the State pays "at most 50 % of the
 * passes used", within its grant); any other owes its part of the budget as voted.
 */
export function cofunderShares(
  state: ProgramState,
  usedCents: number,
  received: readonly { payer: string; amountCents: number }[],
): CofunderShare[] {
  const budget = budgetView(state);
  return state.budget.cofunders.map((c, i) => {
    const budgetCents = budget.cofunders[i]!.amountCents;
    const usedShareBps = c.usedShareBps ?? null;
    const byRule = usedShareBps === null ? budgetCents : applyBps(usedCents, usedShareBps);
    const owedCents = Math.min(byRule, budgetCents);
    const receivedCents = received.find((r) => r.payer === c.name)?.amountCents ?? 0;
    return {
      name: c.name,
      basis: usedShareBps === null ? 'budget' : 'used',
      usedShareBps,
      budgetCents,
      usedCents,
      owedCents,
      capped: byRule > budgetCents,
      receivedCents,
      balanceCents: owedCents - receivedCents,
    };
  });
}

/**
 * What the co-funder's document is, by its balance (the PDF's title, the page's link): a call
 * when something is owed, a notice of what it paid beyond its share when it paid ahead (the
 * funder received too much: « trop-perçu »), a statement of account when even.
 */
export function callDocumentTitle(balanceCents: number): string {
  if (balanceCents > 0) return 'Appel de fonds';
  return balanceCents < 0 ? 'Avis de trop-perçu' : 'Situation de la participation';
}

/** The rule in words, for the call for funds and the page: « 50 % de la valeur des pass utilisés ». */
export function ruleText(share: Pick<CofunderShare, 'basis' | 'usedShareBps' | 'budgetCents'>): string {
  if (share.basis === 'budget') return `sa part du budget, ${formatEuros(share.budgetCents)}`;
  return `${formatBps(share.usedShareBps ?? 0)} de la valeur des pass utilisés, dans la limite de sa part du budget (${formatEuros(share.budgetCents)})`;
}

/**
 * `totalCents` shared out in proportion to `weights`, in whole cents that add up exactly
 * (largest remainders get the cents left over; ties to the first). All zero weights: nothing.
 */
export function shareOut(totalCents: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || totalCents === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (BigInt(totalCents) * BigInt(w)) / BigInt(sum));
  const parts = exact.map(Number);
  const remainders = weights.map((w, i) => ({
    i,
    r: BigInt(totalCents) * BigInt(w) - exact[i]! * BigInt(sum),
  }));
  let left = totalCents - parts.reduce((a, b) => a + b, 0);
  for (const { i } of remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1))) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}
