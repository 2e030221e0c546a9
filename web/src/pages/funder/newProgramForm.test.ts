import { describe, expect, it } from 'vitest';
import { addCofunder, removeCofunder } from './cofundersForm';
import {
  COFUNDERS,
  EMPTY,
  groupsOf,
  labelsOf,
  type NewProgramValues,
  toCreateProgramInput,
  validateNewProgram,
} from './newProgramForm';

const FILLED: NewProgramValues = {
  ...EMPTY,
  effectiveOn: '2026-01-15',
  'legal.body': 'Conseil départemental de la Somme',
  'legal.number': 'CD-2026-01',
  'legal.decidedOn': '2026-01-10',
  'state.name': 'Pass numériques Somme',
  'state.faceValueCents': '10',
  'state.plannedPasses': '1 000',
  'state.audiences': 'senior_60_plus',
  'state.calendar.distributionStart': '2026-02-01',
  'state.calendar.distributionEnd': '2026-12-31',
  'state.calendar.usageEnd': '2027-03-31',
  'state.budget.acquisition': '10 000',
  'state.budget.engineering': '1 234,5',
};

/** The form with co-funders' rows typed in, as the « Ajouter un cofinanceur » button makes them. */
function withCofunders(v: NewProgramValues, rows: [string, string, string, string][]): NewProgramValues {
  let next = v;
  rows.forEach(([name, amount, share, used], i) => {
    next = addCofunder(next, COFUNDERS);
    next = {
      ...next,
      [`${COFUNDERS}.${i}.name`]: name,
      [`${COFUNDERS}.${i}.amountCents`]: amount,
      [`${COFUNDERS}.${i}.shareBps`]: share,
      [`${COFUNDERS}.${i}.usedShareBps`]: used,
    };
  });
  return next;
}

describe('the new programme form', () => {
  it('sends the budget lines in cents and no co-funder when none is listed', () => {
    expect(validateNewProgram(FILLED)).toEqual({});
    const input = toCreateProgramInput(FILLED);
    expect(input.state.budget).toEqual({
      lines: [
        { kind: 'acquisition', label: 'Acquisition des pass', amountCents: 1_000_000 },
        { kind: 'engineering', label: 'Ingénierie d’accompagnement', amountCents: 123_450 },
      ],
      cofunders: [],
      phasing: [],
      engineeringCeilingBps: null,
    });
  });

  it('sends each co-funder by its name, with a percentage as basis points and an amount as cents', () => {
    const v = withCofunders(FILLED, [
      [' CAF de la Somme ', '', '20 %', '50'],
      ['État (ANCT)', '2 500,50', '', ''],
    ]);
    expect(validateNewProgram(v)).toEqual({});
    expect(toCreateProgramInput(v).state.budget.cofunders).toEqual([
      { name: 'CAF de la Somme', shareBps: 2000, usedShareBps: 5000 },
      { name: 'État (ANCT)', amountCents: 250_050 },
    ]);
  });

  it('checks each row at its own field, named after the API path', () => {
    const v = withCofunders(FILLED, [
      ['', '', '', ''],
      ['CAF', '10', '5', '150'],
      ['caf', 'dix', '', ''],
    ]);
    const e = validateNewProgram(v);
    expect(e['state.budget.cofunders.0.name']).toMatch(/nom du cofinanceur 1/);
    expect(e['state.budget.cofunders.0.amountCents']).toMatch(/soit un montant, soit un pourcentage/);
    expect(e['state.budget.cofunders.1.shareBps']).toMatch(/pas les deux/);
    expect(e['state.budget.cofunders.1.usedShareBps']).toMatch(/100 %/);
    expect(e['state.budget.cofunders.2.name']).toMatch(/figure déjà/);
    expect(e['state.budget.cofunders.2.amountCents']).toMatch(/montant en euros/);
  });

  it('numbers the rows’ labels and groups, and renumbers them when a row is removed', () => {
    const v = withCofunders(FILLED, [
      ['A', '1', '', ''],
      ['B', '', '10', ''],
      ['C', '3', '', ''],
    ]);
    expect(labelsOf(v)['state.budget.cofunders.2.name']).toBe('Nom du cofinanceur 3');
    expect(labelsOf(v)['state.budget.cofunders.0.usedShareBps']).toBe(
      'Part de la valeur des pass utilisés payée par le cofinanceur 1, en %',
    );
    expect(groupsOf(v)).toContain('state.budget.cofunders.2');
    const fewer = removeCofunder(v, COFUNDERS, 1);
    expect(toCreateProgramInput(fewer).state.budget.cofunders).toEqual([
      { name: 'A', amountCents: 100 },
      { name: 'C', amountCents: 300 },
    ]);
    expect(Object.keys(fewer).filter((k) => k.startsWith('state.budget.cofunders.2'))).toEqual([]);
  });
});
