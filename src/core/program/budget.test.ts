import { describe, expect, it } from 'vitest';
import { programAsOf } from './as-of.js';
import { budgetView } from './budget.js';
import { hautsDeFranceCreation, hautsDeFranceHistory, pasDeCalaisCreation } from './testing/seeds.js';
import type { ProgramState } from './types.js';

describe('the Hauts-de-France budget', () => {
  const view = budgetView(hautsDeFranceCreation);

  it('totals 763,900 €: 687,500 € of passes and 76,400 € of support engineering', () => {
    expect(view.totalCents).toBe(76_390_000);
    expect(view.byKind).toEqual({ acquisition: 68_750_000, engineering: 7_640_000, other: 0 });
    expect(view.lines.map((l) => l.shareBps)).toEqual([9000, 1000]);
  });

  it('is phased 244,450 / 427,780 / 91,670 €, which adds up to the total', () => {
    expect(view.phasing.map((p) => [p.year, p.amountCents])).toEqual([
      [2020, 24_445_000],
      [2021, 42_778_000],
      [2022, 9_167_000],
    ]);
    expect(view.phasingTotalCents).toBe(76_390_000);
    expect(view.phasingMatchesTotal).toBe(true);
  });

  it('has the State grant of 488,900 € and FEDER 125,000 € = 16.36 %', () => {
    expect(view.cofunders).toEqual([
      { name: 'État (ANCT)', amountCents: 48_890_000, shareBps: 6400 },
      { name: 'Union européenne (FEDER)', amountCents: 12_500_000, shareBps: 1636 },
    ]);
    expect(view.funderRemainderCents).toBe(15_000_000); // the Region's own 150,000 €
    expect(view.overfunded).toBe(false);
  });

  it('has no engineering ceiling, and 68,750 passes of 10 € covered by the acquisition line', () => {
    expect(view.engineeringWithinCeiling).toBeNull();
    expect(view.engineeringShareBps).toBe(1000);
    expect(view.passesValueCents).toBe(68_750_000);
    expect(view.acquisitionCoversPasses).toBe(true);
  });

  it('still covers the 66,100 passes after the 2020-07-01 amendment', () => {
    const after = budgetView(programAsOf(hautsDeFranceHistory, '2021-01-01') as ProgramState);
    expect(after.passesValueCents).toBe(66_100_000);
    expect(after.acquisitionCoversPasses).toBe(true);
  });
});

describe('the Pas-de-Calais budget', () => {
  const view = budgetView(pasDeCalaisCreation);

  it('totals 550,000 €, half of it (275,000 €) from the State', () => {
    expect(view.totalCents).toBe(55_000_000);
    expect(view.cofunders).toEqual([{ name: 'État (ANCT)', amountCents: 27_500_000, shareBps: 5000 }]);
    expect(view.funderRemainderCents).toBe(27_500_000);
    expect(view.funderShareBps).toBe(5000);
  });

  it('keeps its 50,000 € of engineering within the 10 % ceiling', () => {
    expect(view.engineeringCents).toBe(5_000_000);
    expect(view.engineeringShareBps).toBe(909);
    expect(view.engineeringCeilingBps).toBe(1000);
    expect(view.engineeringWithinCeiling).toBe(true);
  });

  it('shows that no phasing was entered', () => {
    expect(view.phasing).toEqual([]);
    expect(view.phasingMatchesTotal).toBe(false);
  });
});

describe('budget warnings', () => {
  const withBudget = (budget: Partial<ProgramState['budget']>): ProgramState => ({
    ...pasDeCalaisCreation,
    budget: { ...pasDeCalaisCreation.budget, ...budget },
  });

  it('flags engineering over the ceiling even by less than a basis point', () => {
    const lines = [
      { kind: 'acquisition' as const, label: 'Pass', amountCents: 899_999 },
      { kind: 'engineering' as const, label: 'Ingénierie', amountCents: 100_001 },
    ];
    const view = budgetView(withBudget({ lines }));
    expect(view.engineeringShareBps).toBe(1000); // rounded share looks fine…
    expect(view.engineeringWithinCeiling).toBe(false); // …but 10.0001 % is over 10 %
  });

  it('flags co-funders promising more than the total', () => {
    const view = budgetView(
      withBudget({
        cofunders: [
          { name: 'État', shareBps: 6000 },
          { name: 'FEDER', amountCents: 30_000_000 },
        ],
      }),
    );
    expect(view.cofundedCents).toBe(63_000_000);
    expect(view.funderRemainderCents).toBe(-8_000_000);
    expect(view.overfunded).toBe(true);
  });

  it('flags an acquisition line too small for the planned passes', () => {
    expect(budgetView({ ...pasDeCalaisCreation, plannedPasses: 50_001 }).acquisitionCoversPasses).toBe(false);
  });

  it('gives zero shares for an empty budget rather than dividing by zero', () => {
    const view = budgetView(withBudget({ lines: [], cofunders: [{ name: 'État', shareBps: 5000 }] }));
    expect(view.totalCents).toBe(0);
    expect(view.cofunders[0]).toEqual({ name: 'État', amountCents: 0, shareBps: 5000 });
    expect(view.engineeringShareBps).toBe(0);
    expect(view.engineeringWithinCeiling).toBe(true);
  });
});
