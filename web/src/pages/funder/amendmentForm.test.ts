import { describe, expect, it } from 'vitest';
import { programAsOf } from '../../../../src/core/program/as-of';
import type { Amendment, BudgetLine, Cofunder, ProgramState } from '../../api/types';
import { budgetChanges, budgetValues, COFUNDERS } from './amendmentBudget';
import {
  type AmendmentValues,
  initialValues,
  labelsOf,
  NO_AUDIENCE,
  rectifiedLater,
  shownOf,
  toAmendmentInput,
  validateAmendment,
} from './amendmentForm';
import { addCofunder, removeCofunder } from './cofundersForm';
import { AMENDED_OTHER } from './otherAudiencesForm';

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

/*
 * A rectifying amendment supersedes the one it names, which then counts at no date
 * (core/program/as-of.ts inForce): what it changes is applied to the programme *without*
 * the rectified amendment. The form opens with the budget and the publics in force, the
 * rectified amendment's included: kept as they are, they must still be in force afterwards.
 */
describe('a rectifying amendment from the form', () => {
  const legal = (number: string, decidedOn: string) => ({
    body: 'Commission permanente',
    number,
    decidedOn,
    votesFor: null,
    votesAgainst: null,
    abstentions: null,
    text: '',
  });
  const CREATION = {
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'creation',
    effectiveOn: '2026-02-01',
    legal: legal('CP-2026-01', '2026-01-15'),
    changes: CURRENT,
  } satisfies Amendment;
  const RAISED_LINES: BudgetLine[] = [
    { kind: 'acquisition', label: 'Acquisition des pass', amountCents: 1_500_000 },
  ];
  const RAISED_COFUNDERS: Cofunder[] = [
    { name: 'CAF de la Somme', shareBps: 2000, usedShareBps: 5000 },
    { name: 'État (ANCT)', amountCents: 300_000 },
  ];
  // The amendment to rectify: it raised the acquisition line and added a co-funder (and its
  // deliberation's number was typed wrongly, which is what the rectification is for).
  const RAISE = {
    id: '00000000-0000-4000-8000-000000000002',
    kind: 'amendment',
    effectiveOn: '2026-03-01',
    legal: legal('CP-2026-O2', '2026-03-01'),
    changes: { budget: { lines: RAISED_LINES, cofunders: RAISED_COFUNDERS } },
  } satisfies Amendment;
  const ASOF = '2026-06-01';
  const RAISED = programAsOf([CREATION, RAISE], ASOF)!;
  const HISTORY = { timeline: [CREATION, RAISE], asOf: ASOF };

  const rectifying = (extra: Record<string, string> = {}): AmendmentValues => ({
    ...initialValues(RAISED),
    ...LEGAL,
    rectifies: RAISE.id,
    'legal.number': 'CP-2026-02',
    'legal.text': 'Rectifie l’erreur matérielle du numéro de la délibération CP-2026-O2.',
    ...extra,
  });

  it('opens with the raised budget and the added co-funder, as in force', () => {
    expect(RAISED.budget.lines).toEqual(RAISED_LINES);
    const v = rectifying();
    expect(v['changes.budget.lines.0.amountCents']).toBe('15 000,00');
    expect(v['changes.budget.cofunders.1.name']).toBe('État (ANCT)');
  });

  it('keeps the budget and the co-funders of the rectified amendment when only the text changes', () => {
    const v = rectifying();
    // Not "nothing changed": against the programme without the rectified amendment, the budget does.
    expect(validateAmendment(v, RAISED, HISTORY)).toEqual({});
    expect(toAmendmentInput(v, RAISED, HISTORY)).toEqual({
      effectiveOn: '2026-03-01',
      legal: {
        body: 'Commission permanente',
        number: 'CP-2026-02',
        decidedOn: '2026-03-01',
        votesFor: null,
        votesAgainst: null,
        abstentions: null,
        text: 'Rectifie l’erreur matérielle du numéro de la délibération CP-2026-O2.',
      },
      changes: { budget: { lines: RAISED_LINES, cofunders: RAISED_COFUNDERS } },
      rectifies: RAISE.id,
    });
  });

  it('keeps them too when the rectification moves the date of effect', () => {
    const v = rectifying({ effectiveOn: '2026-04-01', 'legal.decidedOn': '2026-04-01' });
    expect(toAmendmentInput(v, RAISED, HISTORY).changes).toEqual({
      budget: { lines: RAISED_LINES, cofunders: RAISED_COFUNDERS },
    });
  });

  it('measures the budget against the programme without the rectified amendment', () => {
    // CURRENT is the programme before the raise: both lists differ from it, both are sent whole.
    expect(budgetChanges(rectifying(), RAISED, CURRENT)).toEqual({
      lines: RAISED_LINES,
      cofunders: RAISED_COFUNDERS,
    });
    // The rectified amendment wrongly added the State: removed in the form, the co-funders
    // are those before it, so the rectification need not send them; the raise is kept.
    const undone = removeCofunder(rectifying(), COFUNDERS, 1);
    expect(budgetChanges(undone, RAISED, CURRENT)).toEqual({ lines: RAISED_LINES });
    expect(toAmendmentInput(undone, RAISED, HISTORY).changes).toEqual({ budget: { lines: RAISED_LINES } });
  });

  it('keeps the publics the rectified amendment set when they are left ticked as they opened', () => {
    const publics = {
      ...RAISE,
      id: '00000000-0000-4000-8000-000000000003',
      effectiveOn: '2026-04-01',
      legal: legal('CP-2026-30', '2026-04-01'),
      changes: { audiences: [CURRENT.audiences[0]!, 'demandeur_emploi'] },
    } satisfies Amendment;
    const now = programAsOf([CREATION, publics], ASOF)!;
    const v = {
      ...initialValues(now),
      ...LEGAL,
      rectifies: publics.id,
      'changes.plannedPasses': '1100',
    };
    // '' means "the publics ticked as the form opened", which the rectified amendment set.
    expect(v['changes.audiences']).toBe('');
    expect(toAmendmentInput(v, now, { timeline: [CREATION, publics], asOf: ASOF }).changes).toEqual({
      plannedPasses: 1100,
      audiences: now.audiences,
    });
  });

  it('does not bring back an amendment already superseded when rectifying its rectification', () => {
    // RAISE was itself rectified by FIX (same raise, another co-funder); FIX is rectified in turn.
    const fix = {
      ...RAISE,
      id: '00000000-0000-4000-8000-000000000004',
      legal: legal('CP-2026-02', '2026-03-02'),
      changes: { budget: { cofunders: [RAISED_COFUNDERS[0]!, { name: 'Métropole', amountCents: 100 }] } },
      rectifies: RAISE.id,
    } satisfies Amendment;
    const timeline = [CREATION, RAISE, fix];
    const now = programAsOf(timeline, ASOF)!;
    expect(now.budget.lines).toEqual(CURRENT.budget.lines);
    const v = { ...initialValues(now), ...LEGAL, rectifies: fix.id, 'legal.number': 'CP-2026-03' };
    // Without FIX the programme is the creation's (RAISE no longer counts): only the co-funders differ.
    expect(toAmendmentInput(v, now, { timeline, asOf: ASOF }).changes).toEqual({
      budget: { cofunders: fix.changes.budget.cofunders },
    });
  });

  it('shows and keeps the budget of a rectified amendment that takes effect later', () => {
    // Voted in November for next March: today's programme does not have its raise yet.
    const later = {
      ...RAISE,
      id: '00000000-0000-4000-8000-000000000005',
      effectiveOn: '2027-03-01',
      legal: legal('CP-2027-031 bis', '2026-05-20'),
    } satisfies Amendment;
    const timeline = [CREATION, later];
    const history = { timeline, asOf: ASOF };
    const today = programAsOf(timeline, ASOF)!;
    expect(today.budget.lines).toEqual(CURRENT.budget.lines);
    const chosen = { ...initialValues(today), ...LEGAL, rectifies: later.id };
    expect(rectifiedLater(chosen, history)).toBe('2027-03-01');
    const shown = shownOf(chosen, today, history)!;
    expect(shown.budget.lines).toEqual(RAISED_LINES);
    expect(shown.budget.cofunders).toEqual(RAISED_COFUNDERS);
    // The page fills the budget with what it shows; only the number of passes is corrected.
    const v: AmendmentValues = {
      ...chosen,
      ...budgetValues(shown),
      effectiveOn: '2027-03-01',
      'legal.number': 'CP-2027-031 ter',
      'changes.plannedPasses': '1500',
    };
    expect(v['changes.budget.lines.0.amountCents']).toBe('15 000,00');
    expect(validateAmendment(v, today, history)).toEqual({});
    const input = toAmendmentInput(v, today, history);
    expect(input.changes).toEqual({
      plannedPasses: 1500,
      budget: { lines: RAISED_LINES, cofunders: RAISED_COFUNDERS },
    });
    // Recorded, the programme next spring has the corrected number and the raise still.
    const ter = {
      id: '00000000-0000-4000-8000-000000000006',
      kind: 'amendment',
      effectiveOn: input.effectiveOn,
      legal: legal('CP-2027-031 ter', '2026-06-01'),
      changes: input.changes,
      rectifies: later.id,
    } satisfies Amendment;
    const spring = programAsOf([...timeline, ter], '2027-03-15')!;
    expect(spring.plannedPasses).toBe(1500);
    expect(spring.budget.lines).toEqual(RAISED_LINES);
    expect(spring.budget.cofunders).toEqual(RAISED_COFUNDERS);
  });

  it('still measures an ordinary amendment against the programme in force', () => {
    const v = { ...initialValues(RAISED), ...LEGAL, 'changes.plannedPasses': '1200' };
    expect(toAmendmentInput(v, RAISED, HISTORY).changes).toEqual({ plannedPasses: 1200 });
  });
});

describe('the publics a deliberation adds beyond the standard list', () => {
  const other = (i: number, label: string, minAge = '', maxAge = '') => ({
    [`${AMENDED_OTHER}.${i}.label`]: label,
    [`${AMENDED_OTHER}.${i}.minAge`]: minAge,
    [`${AMENDED_OTHER}.${i}.maxAge`]: maxAge,
  });

  it('sends them with their ages after the publics the programme keeps', () => {
    const v = open(other(0, 'Habitants des quartiers prioritaires', '16', '30'));
    expect(validateAmendment(v, CURRENT)).toEqual({});
    expect(toAmendmentInput(v, CURRENT).changes).toEqual({
      audiences: [
        CURRENT.audiences[0],
        {
          code: 'autre_habitants_des_quartiers_prioritaires',
          label: 'Habitants des quartiers prioritaires',
          minAge: 16,
          maxAge: 30,
        },
      ],
    });
  });

  it('may replace every public the programme had', () => {
    const v = open({ 'changes.audiences': NO_AUDIENCE, ...other(0, 'Aidants familiaux') });
    expect(validateAmendment(v, CURRENT)).toEqual({});
    expect(toAmendmentInput(v, CURRENT).changes.audiences).toEqual([
      { code: 'autre_aidants_familiaux', label: 'Aidants familiaux', minAge: null, maxAge: null },
    ]);
  });

  it('refuses a public already there, an empty row and ages the wrong way round, naming each row', () => {
    const v = open({
      ...other(0, 'Personnes de 60 ans et plus'),
      ...other(1, ''),
      ...other(2, 'Lycéens', '18', '15'),
    });
    const e = validateAmendment(v, CURRENT);
    expect(e[`${AMENDED_OTHER}.0.label`]).toBe(
      '« Personnes de 60 ans et plus » figure déjà parmi les publics.',
    );
    expect(e[`${AMENDED_OTHER}.1.label`]).toBe('Écrivez l’intitulé de l’autre public 2, ou retirez-le.');
    expect(e[`${AMENDED_OTHER}.2.maxAge`]).toBe('L’âge maximum ne peut pas être inférieur à l’âge minimum.');
    expect(labelsOf(CURRENT, v)[`${AMENDED_OTHER}.2.maxAge`]).toBe(
      'Âge maximum de l’autre public 3, en années',
    );
  });
});
