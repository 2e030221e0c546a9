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
import { addOther, OTHER, removeOther } from './otherAudiencesForm';

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

describe('publics the standard list lacks', () => {
  const withOthers = (v: NewProgramValues, rows: [string, string, string][]) => {
    let next = v;
    rows.forEach(([label, minAge, maxAge], i) => {
      next = addOther(next);
      next = {
        ...next,
        [`${OTHER}.${i}.label`]: label,
        [`${OTHER}.${i}.minAge`]: minAge,
        [`${OTHER}.${i}.maxAge`]: maxAge,
      };
    });
    return next;
  };

  it('go with their label, their ages, and a code made from the label, after the standard ones', () => {
    const v = withOthers(FILLED, [
      ['Habitants des quartiers prioritaires', '', ''],
      ['Apprentis de 16 à 25 ans', '16', '25'],
    ]);
    expect(validateNewProgram(v)).toEqual({});
    expect(toCreateProgramInput(v).state.audiences).toEqual([
      'senior_60_plus',
      {
        code: 'autre_habitants_des_quartiers_prioritaires',
        label: 'Habitants des quartiers prioritaires',
        minAge: null,
        maxAge: null,
      },
      { code: 'autre_apprentis_de_16_a_25_ans', label: 'Apprentis de 16 à 25 ans', minAge: 16, maxAge: 25 },
    ]);
    // One of them is enough, with no standard public ticked.
    expect(validateNewProgram({ ...v, 'state.audiences': '' })).toEqual({});
  });

  it('are refused beside their field when an age is not one, out of order, or the public is listed already', () => {
    const v = withOthers(FILLED, [
      ['Apprentis', 'seize', '25'],
      ['Jeunes', '30', '18'],
      ['Personnes âgées', '', ''],
      ['', '', ''],
    ]);
    const e = validateNewProgram(v);
    expect(e[`${OTHER}.0.minAge`]).toMatch(/années entières/);
    expect(e[`${OTHER}.1.maxAge`]).toBe('L’âge maximum ne peut pas être inférieur à l’âge minimum.');
    expect(e[`${OTHER}.2.label`]).toBe('« Personnes âgées » figure déjà parmi les publics.');
    expect(e[`${OTHER}.3.label`]).toMatch(/Écrivez l’intitulé de l’autre public 4/);
    expect(labelsOf(v)[`${OTHER}.1.maxAge`]).toBe('Âge maximum de l’autre public 2, en années');
    expect(groupsOf(v)).toContain(`${OTHER}.3`);
    // Removed, the rows after move up.
    const removed = removeOther(v, 0);
    expect(removed[`${OTHER}.0.label`]).toBe('Jeunes');
    expect(`${OTHER}.3.label` in removed).toBe(false);
  });
});
