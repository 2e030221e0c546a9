import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateArb } from './testing/arbitraries.js';
import { hautsDeFranceCreation, pasDeCalaisCreation } from './testing/seeds.js';
import type { ProgramChanges, ProgramState } from './types.js';
import { validateChanges, validateProgramState } from './validate.js';

const fields = (issues: { field: string }[]) => issues.map((i) => i.field);

describe('validateProgramState', () => {
  it('accepts the seed programmes and any generated valid state', () => {
    expect(validateProgramState(hautsDeFranceCreation)).toEqual([]);
    expect(validateProgramState(pasDeCalaisCreation)).toEqual([]);
    fc.assert(
      fc.property(stateArb, (state) => {
        expect(validateProgramState(state)).toEqual([]);
      }),
    );
  });

  it('says in French which calendar date is out of order', () => {
    const calendar = { ...hautsDeFranceCreation.calendar, usageEnd: '2021-06-30' };
    expect(validateProgramState({ ...hautsDeFranceCreation, calendar })).toEqual([
      {
        field: 'calendar.usageEnd',
        message: "La date de fin d'utilisation doit être postérieure ou égale à la fin de distribution.",
      },
    ]);
  });

  it('checks the closure only when the programme has one', () => {
    const closed = { ...hautsDeFranceCreation.calendar, closure: '2021-01-01' };
    expect(validateProgramState({ ...hautsDeFranceCreation, calendar: closed })).toEqual([
      {
        field: 'calendar.closure',
        message: "La date de clôture doit être postérieure ou égale à la fin d'utilisation.",
      },
    ]);
  });

  it('names every bad field', () => {
    const bad: ProgramState = {
      ...hautsDeFranceCreation,
      name: '  ',
      faceValueCents: 0,
      bookletSizes: [5, 5],
      plannedPasses: -1,
      calendar: { ...hautsDeFranceCreation.calendar, distributionStart: '2020-02-30' },
      reportingDeadlines: [{ label: 'Bilan', dueOn: '31/12/2024' }],
    };
    const issues = validateProgramState(bad);
    expect(fields(issues)).toEqual([
      'name',
      'faceValueCents',
      'bookletSizes',
      'plannedPasses',
      'reportingDeadlines.0.dueOn',
      'calendar.distributionStart',
    ]);
    expect(issues[0]?.message).toBe('Le nom du dispositif est obligatoire.');
    expect(issues[1]?.message).toMatch(/^La valeur faciale du pass /);
    expect(issues[2]?.message).toMatch(/^Les tailles de carnet /);
    expect(issues[3]?.message).toMatch(/^Le nombre de pass prévus /);
    expect(issues[5]?.message).toBe(
      "La date de début de distribution n'est pas une date valide (AAAA-MM-JJ).",
    );
  });

  it('refuses booklets other than 5 or 10, and none at all', () => {
    const sizes = (bookletSizes: unknown) =>
      validateProgramState({ ...hautsDeFranceCreation, bookletSizes } as ProgramState);
    expect(sizes([]).map((i) => i.message)).toEqual([
      'Les tailles de carnet doivent comporter au moins une taille (5 ou 10 pass).',
    ]);
    expect(sizes([5, 20]).map((i) => i.message)).toEqual([
      'Les tailles de carnet ne peuvent être que 5 ou 10 pass.',
    ]);
  });

  it('asks for each missing field', () => {
    const { plannedPasses: _, ...partial } = hautsDeFranceCreation;
    const issues = validateProgramState({
      ...partial,
      calendar: { distributionStart: '2020-01-01' },
    } as unknown as ProgramState);
    expect(issues).toContainEqual({
      field: 'plannedPasses',
      message: 'Renseignez le nombre de pass prévus.',
    });
    expect(issues).toContainEqual({
      field: 'calendar.usageEnd',
      message: "Renseignez la date de fin d'utilisation.",
    });
  });
});

describe('validateChanges', () => {
  it('checks only the fields an amendment carries', () => {
    expect(validateChanges({ plannedPasses: 66_100, calendar: { usageEnd: '2022-12-31' } })).toEqual([]);
    expect(fields(validateChanges({ plannedPasses: 1.5 }))).toEqual(['plannedPasses']);
  });

  it('checks the order of the dates it carries together', () => {
    expect(validateChanges({ calendar: { distributionEnd: '2024-12-31', usageEnd: '2023-12-31' } })).toEqual([
      {
        field: 'calendar.usageEnd',
        message: "La date de fin d'utilisation doit être postérieure ou égale à la fin de distribution.",
      },
    ]);
  });

  it('names a field that does not exist', () => {
    const changes = { plannedPases: 10, calendar: { end: '2024-01-01' } } as unknown as ProgramChanges;
    expect(validateChanges(changes)).toEqual([
      { field: 'plannedPases', message: "Le champ « plannedPases » n'existe pas." },
      { field: 'calendar.end', message: "Le champ « calendar.end » n'existe pas." },
    ]);
  });

  it('reports stored JSON of the wrong shape instead of throwing', () => {
    const garbage = {
      calendar: 'soon',
      budget: { lines: [null], cofunders: 'État', phasing: [{}] },
      reportingDeadlines: [null],
    } as unknown as ProgramChanges;
    expect(fields(validateChanges(garbage))).toEqual([
      'reportingDeadlines.0.label',
      'reportingDeadlines.0.dueOn',
      'calendar',
      'budget.lines.0.label',
      'budget.lines.0.kind',
      'budget.lines.0.amountCents',
      'budget.cofunders',
      'budget.phasing.0.year',
      'budget.phasing.0.amountCents',
    ]);
    expect(validateProgramState(null as unknown as ProgramState)).toHaveLength(1);
  });
});
