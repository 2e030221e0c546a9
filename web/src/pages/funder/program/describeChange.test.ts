import { describe, expect, it } from 'vitest';
import { describeChanges } from './describeChange';

// A programme's timeline: each deliberation lists the fields it set, with their new values.
// The founding deliberation of the Pas-de-Calais sets its budget and its reporting deadlines.
describe('the fields a deliberation changed, in words', () => {
  const changes = {
    plannedPasses: 4000,
    passesPerBeneficiary: 20,
    reportingDeadlines: [{ label: 'Bilan intermédiaire', dueOn: '2023-06-30' }],
    budget: {
      lines: [
        { kind: 'acquisition' as const, label: 'Pass', amountCents: 40_000_00 },
        { kind: 'engineering' as const, label: 'Accompagnement', amountCents: 4_000_00 },
      ],
      cofunders: [
        { name: 'État (ANCT)', shareBps: 5000, usedShareBps: 5000 },
        { name: 'Région', amountCents: 10_000_00 },
      ],
      phasing: [
        { year: 2023, amountCents: 20_000_00 },
        { year: 2024, amountCents: 24_000_00 },
      ],
      engineeringCeilingBps: 1000,
    },
  };
  const lines = describeChanges(
    [
      'plannedPasses',
      'passesPerBeneficiary',
      'reportingDeadlines',
      'budget.lines',
      'budget.cofunders',
      'budget.phasing',
      'budget.engineeringCeilingBps',
    ],
    changes,
  );
  const valueOf = (path: string) => lines.find((l) => l.path === path)?.value?.replace(/\s/g, ' ');

  it('gives every field a value, « pass » invariable', () => {
    expect(lines.filter((l) => !l.value).map((l) => l.label)).toEqual([]);
    expect(valueOf('plannedPasses')).toBe('4 000 pass');
    expect(valueOf('passesPerBeneficiary')).toBe('20 pass');
  });

  it('spells out the budget and the deadlines', () => {
    expect(valueOf('reportingDeadlines')).toBe('Bilan intermédiaire : 30 juin 2023');
    expect(valueOf('budget.lines')).toBe('Pass : 40 000,00 € ; Accompagnement : 4 000,00 €');
    expect(valueOf('budget.cofunders')).toBe(
      'État (ANCT) : 50 % du budget, 50 % de la valeur des pass utilisés ; Région : 10 000,00 €',
    );
    expect(valueOf('budget.phasing')).toBe('2023 : 20 000,00 € ; 2024 : 24 000,00 €');
    expect(valueOf('budget.engineeringCeilingBps')).toBe('10 % du budget');
  });

  it('spells out a whole budget field by field, as a whole calendar', () => {
    const whole = describeChanges(['budget'], changes);
    expect(whole.map((l) => l.path)).toEqual([
      'budget.lines',
      'budget.cofunders',
      'budget.phasing',
      'budget.engineeringCeilingBps',
    ]);
    expect(whole.every((l) => l.value)).toBe(true);
  });

  it('says when a list is emptied or a ceiling lifted', () => {
    const none = describeChanges(['reportingDeadlines', 'budget.engineeringCeilingBps'], {
      reportingDeadlines: [],
      budget: { lines: [], cofunders: [], phasing: [], engineeringCeilingBps: null },
    });
    expect(none.map((l) => l.value)).toEqual(['aucune', 'aucun']);
  });
});
