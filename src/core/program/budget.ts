import { applyBps, FULL_BPS, shareBps } from '../money.js';
import type { BudgetLine, BudgetLineKind, PhasingEntry, ProgramState } from './types.js';

export type BudgetLineView = BudgetLine & { shareBps: number };

export type CofunderView = {
  name: string;
  amountCents: number;
  shareBps: number;
};

/**
 * What a funder checks on a programme's budget; all amounts in cents, all shares in
 * bps of the total. A type alias, not an interface, so it fits Record<string, unknown>.
 */
export type BudgetView = {
  totalCents: number;
  byKind: Record<BudgetLineKind, number>;
  lines: BudgetLineView[];
  cofunders: CofunderView[];
  cofundedCents: number;
  /** What the funder pays itself: total minus co-funders; negative when co-funders promise more than the total. */
  funderRemainderCents: number;
  funderShareBps: number;
  overfunded: boolean;
  engineeringCents: number;
  engineeringShareBps: number;
  engineeringCeilingBps: number | null;
  /** Null when the programme sets no ceiling. */
  engineeringWithinCeiling: boolean | null;
  /** By year, ascending. */
  phasing: PhasingEntry[];
  phasingTotalCents: number;
  phasingMatchesTotal: boolean;
  /** plannedPasses × faceValueCents: what the passes are worth if all are issued. */
  passesValueCents: number;
  acquisitionCoversPasses: boolean;
};

function sum(values: number[]): number {
  const total = values.reduce((a, b) => a + b, 0);
  if (!Number.isSafeInteger(total)) throw new RangeError('budget total is not a safe integer of cents');
  return total;
}

export function budgetView(state: ProgramState): BudgetView {
  const { lines, cofunders, phasing, engineeringCeilingBps } = state.budget;
  const totalCents = sum(lines.map((l) => l.amountCents));
  const ofKind = (kind: BudgetLineKind) =>
    sum(lines.filter((l) => l.kind === kind).map((l) => l.amountCents));
  const byKind = {
    acquisition: ofKind('acquisition'),
    engineering: ofKind('engineering'),
    other: ofKind('other'),
  };

  // A co-funder's fixed amount wins; validation guarantees exactly one of the two is set.
  const cofunderViews = cofunders.map((c) => {
    const amountCents = c.amountCents ?? applyBps(totalCents, c.shareBps ?? 0);
    return { name: c.name, amountCents, shareBps: c.shareBps ?? shareBps(amountCents, totalCents) };
  });
  const cofundedCents = sum(cofunderViews.map((c) => c.amountCents));
  const funderRemainderCents = totalCents - cofundedCents;

  const engineeringCents = byKind.engineering;
  // Compared exactly (cross-multiplied) rather than on the rounded share, so 10.004 % is over a 10 % ceiling.
  const engineeringWithinCeiling =
    engineeringCeilingBps === null
      ? null
      : BigInt(engineeringCents) * BigInt(FULL_BPS) <= BigInt(engineeringCeilingBps) * BigInt(totalCents);

  const sortedPhasing = [...phasing].sort((a, b) => a.year - b.year).map((p) => ({ ...p }));
  const phasingTotalCents = sum(phasing.map((p) => p.amountCents));

  const passesValueCents = state.plannedPasses * state.faceValueCents;
  if (!Number.isSafeInteger(passesValueCents)) throw new RangeError('passes value is not a safe integer');

  return {
    totalCents,
    byKind,
    lines: lines.map((l) => ({ ...l, shareBps: shareBps(l.amountCents, totalCents) })),
    cofunders: cofunderViews,
    cofundedCents,
    funderRemainderCents,
    funderShareBps: shareBps(funderRemainderCents, totalCents),
    overfunded: funderRemainderCents < 0,
    engineeringCents,
    engineeringShareBps: shareBps(engineeringCents, totalCents),
    engineeringCeilingBps,
    engineeringWithinCeiling,
    phasing: sortedPhasing,
    phasingTotalCents,
    phasingMatchesTotal: phasingTotalCents === totalCents,
    passesValueCents,
    acquisitionCoversPasses: byKind.acquisition >= passesValueCents,
  };
}

/**
 * Each payer's share of the budget: the funder's remainder (never below zero) and each
 * co-funder's amount. A funding is checked against it (finance/payers.ts), and so is an
 * amendment that would cut it below what was paid (programs/amendment-checks.ts).
 */
export function payerShares(state: ProgramState, funderName: string): { name: string; shareCents: number }[] {
  const view = budgetView(state);
  return [
    { name: funderName, shareCents: Math.max(0, view.funderRemainderCents) },
    ...view.cofunders.map((c) => ({ name: c.name, shareCents: c.amountCents })),
  ];
}
