import { describe, expect, it } from 'vitest';
import type { ProgramState } from '../../api/types';
import { COFUNDERS } from './amendmentBudget';
import {
  type AmendmentValues,
  initialValues,
  labelsOf,
  toAmendmentInput,
  validateAmendment,
} from './amendmentForm';
import { addCofunder, removeCofunder } from './cofundersForm';

const CURRENT = {
  name: 'Pass numériques Somme',
  faceValueCents: 1000,
  bookletSizes: [10],
  plannedPasses: 1000,
  audiences: [{ code: 'senior_60_plus', label: 'Personnes de 60 ans et plus', minAge: 60, maxAge: null }],
  passesPerBeneficiary: null,
  calendar: {
    distributionStart: '2026-02-01',
    distributionEnd: '2026-12-31',
    usageEnd: '2027-03-31',
    closure: null,
  },
  lateSessionDays: 31,
  reportingDeadlines: [],
  budget: {
    lines: [{ kind: 'acquisition', label: 'Acquisition des pass', amountCents: 1_000_000 }],
    cofunders: [{ name: 'CAF de la Somme', shareBps: 2000, usedShareBps: 5000 }],
    phasing: [],
    engineeringCeilingBps: null,
  },
  status: 'active',
} satisfies ProgramState;

const LEGAL = {
  effectiveOn: '2026-03-01',
  'legal.body': 'Commission permanente',
  'legal.number': 'CP-2026-12',
  'legal.decidedOn': '2026-03-01',
};

const open = (extra: Record<string, string> = {}): AmendmentValues => ({
  ...initialValues(CURRENT),
  ...LEGAL,
  ...extra,
});

describe('the amendment form’s budget', () => {
  it('opens with the budget in force, in euros and percentages, and an empty line for the engineering it lacks', () => {
    const v = initialValues(CURRENT);
    expect(v['changes.budget.lines.0.amountCents']).toBe('10 000,00');
    expect(v['changes.budget.lines.1.amountCents']).toBe('');
    expect(v['changes.budget.cofunders.0.name']).toBe('CAF de la Somme');
    expect(v['changes.budget.cofunders.0.shareBps']).toBe('20');
    expect(v['changes.budget.cofunders.0.usedShareBps']).toBe('50');
    expect(labelsOf(CURRENT, v)['changes.budget.lines.1.amountCents']).toBe(
      'Ingénierie d’accompagnement, en euros',
    );
    expect(labelsOf(CURRENT, v)['changes.budget.cofunders.0.name']).toBe('Nom du cofinanceur 1');
  });

  it('sends no budget when it is left as it opened, and asks for a change', () => {
    const v = open();
    expect(validateAmendment(v, CURRENT).changes).toMatch(/au moins une modification/);
    expect(toAmendmentInput(open({ 'changes.plannedPasses': '1200' }), CURRENT).changes).toEqual({
      plannedPasses: 1200,
    });
  });

  it('sends the whole list of co-funders, the ones kept included, when one is added', () => {
    let v = addCofunder(open(), COFUNDERS);
    v = {
      ...v,
      'changes.budget.cofunders.1.name': 'État (ANCT)',
      'changes.budget.cofunders.1.amountCents': '5 000,50',
    };
    expect(validateAmendment(v, CURRENT)).toEqual({});
    expect(toAmendmentInput(v, CURRENT).changes).toEqual({
      budget: {
        cofunders: [
          { name: 'CAF de la Somme', shareBps: 2000, usedShareBps: 5000 },
          { name: 'État (ANCT)', amountCents: 500_050 },
        ],
      },
    });
  });

  it('sends every line, in cents, when an amount changes or a line is added', () => {
    const v = open({
      'changes.budget.lines.0.amountCents': '12 000',
      'changes.budget.lines.1.amountCents': '1 500,25',
    });
    expect(toAmendmentInput(v, CURRENT).changes.budget).toEqual({
      lines: [
        { kind: 'acquisition', label: 'Acquisition des pass', amountCents: 1_200_000 },
        { kind: 'engineering', label: 'Ingénierie d’accompagnement', amountCents: 150_025 },
      ],
    });
  });

  it('sends an empty list when the last co-funder is removed, and a percentage changed as basis points', () => {
    expect(toAmendmentInput(removeCofunder(open(), COFUNDERS, 0), CURRENT).changes.budget).toEqual({
      cofunders: [],
    });
    const v = open({ 'changes.budget.cofunders.0.usedShareBps': '12,5 %' });
    expect(toAmendmentInput(v, CURRENT).changes.budget).toEqual({
      cofunders: [{ name: 'CAF de la Somme', shareBps: 2000, usedShareBps: 1250 }],
    });
  });

  it('refuses an existing line left empty and a figure that does not read, at their fields', () => {
    const e = validateAmendment(
      open({ 'changes.budget.lines.0.amountCents': '', 'changes.budget.cofunders.0.shareBps': '2000' }),
      CURRENT,
    );
    expect(e['changes.budget.lines.0.amountCents']).toMatch(/Indiquez un montant/);
    expect(e['changes.budget.cofunders.0.shareBps']).toMatch(/100 %/);
  });
});
