import { describe, expect, it } from 'vitest';
import { hautsDeFranceCreation } from './testing/seeds.js';
import type { ProgramState } from './types.js';
import { validateProgramState } from './validate.js';

describe('budget rules', () => {
  const budget = (b: Partial<ProgramState['budget']>) =>
    validateProgramState({ ...hautsDeFranceCreation, budget: { ...hautsDeFranceCreation.budget, ...b } });

  it('wants exactly one of amount and share for each co-funder, the share within 0–100 %', () => {
    const issues = budget({
      cofunders: [
        { name: 'État', amountCents: 1, shareBps: 5000 },
        { name: 'FEDER' },
        { name: 'Ville', shareBps: 10_001 },
      ],
    });
    expect(issues).toEqual([
      {
        field: 'budget.cofunders.0',
        message:
          'Le cofinanceur « État » doit avoir soit un montant, soit une part du total, et pas les deux.',
      },
      {
        field: 'budget.cofunders.1',
        message:
          'Le cofinanceur « FEDER » doit avoir soit un montant, soit une part du total, et pas les deux.',
      },
      {
        field: 'budget.cofunders.2.shareBps',
        message: 'La part du cofinanceur « Ville » doit être comprise entre 0 et 100 %.',
      },
    ]);
  });

  it('wants whole non-negative amounts and a ceiling within 0–100 %', () => {
    const lines = [{ kind: 'acquisition' as const, label: 'Pass', amountCents: 10.5 }];
    expect(budget({ lines, engineeringCeilingBps: 12_000 })).toEqual([
      {
        field: 'budget.lines.0.amountCents',
        message:
          'Le montant de la ligne budgétaire « Pass » doit être un nombre entier de centimes positif ou nul.',
      },
      {
        field: 'budget.engineeringCeilingBps',
        message: "Le plafond de l'ingénierie d'accompagnement doit être compris entre 0 et 100 %, ou absent.",
      },
    ]);
    expect(budget({ engineeringCeilingBps: null })).toEqual([]);
  });

  it('wants phasing years between 2000 and 2100, each once', () => {
    const phasing = [
      { year: 2020, amountCents: 1 },
      { year: 2020, amountCents: 2 },
      { year: 1999, amountCents: 3 },
    ];
    expect(budget({ phasing })).toEqual([
      { field: 'budget.phasing.1.year', message: "L'année 2020 apparaît plusieurs fois dans l'échéancier." },
      {
        field: 'budget.phasing.2.year',
        message: "L'année de l'échéancier n° 3 doit être comprise entre 2000 et 2100.",
      },
    ]);
  });
});
