import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { programAsOf } from './as-of.js';
import { checkEnvelopeCaps, envelopesAsOf } from './envelopes.js';
import { addDays, BASE_DATE, envelopesArb, historyArb, WINDOW_DAYS } from './testing/arbitraries.js';
import { hautsDeFranceHistory, picardieEnvelope } from './testing/seeds.js';
import type { Amendment, Envelope } from './types.js';

const lowering: Amendment = {
  id: '00000000-0000-4000-8000-000000000009',
  kind: 'amendment',
  effectiveOn: '2023-03-01',
  legal: {
    body: 'Commission permanente',
    number: '2023.00001',
    decidedOn: '2023-02-15',
    votesFor: null,
    votesAgainst: null,
    abstentions: null,
    text: 'Réduction',
  },
  changes: { plannedPasses: 20_000 },
};

describe('envelope caps with the Hauts-de-France programme', () => {
  it('accepts Picardie’s 28,000 passes within 66,100', () => {
    expect(checkEnvelopeCaps(hautsDeFranceHistory, [picardieEnvelope])).toBeNull();
  });

  it('reports lowering the programme to 20,000 passes below Picardie’s cap on the amendment’s date', () => {
    expect(checkEnvelopeCaps([...hautsDeFranceHistory, lowering], [picardieEnvelope])).toEqual({
      date: '2023-03-01',
      plannedPasses: 20_000,
      envelopesTotal: 28_000,
      envelopeNames: ['Picardie'],
    });
  });

  it('reports a second envelope that would exceed the programme from its own date', () => {
    const lycees: Envelope = {
      ...picardieEnvelope,
      id: 'e2',
      name: 'Lycées',
      cap: 40_000,
      effectiveOn: '2022-02-01',
    };
    expect(checkEnvelopeCaps(hautsDeFranceHistory, [lycees, picardieEnvelope])).toMatchObject({
      date: '2022-02-01',
      plannedPasses: 66_100,
      envelopesTotal: 68_000,
      envelopeNames: ['Picardie', 'Lycées'],
    });
  });

  it('reports an envelope in force before the programme exists', () => {
    const early = { ...picardieEnvelope, cap: 1, effectiveOn: '2020-01-01' };
    expect(checkEnvelopeCaps(hautsDeFranceHistory, [early])).toMatchObject({
      date: '2020-01-01',
      plannedPasses: 0,
    });
  });

  it('lists the envelopes in force on a date, oldest first', () => {
    const later = { ...picardieEnvelope, id: 'e3', name: 'Amiénois', effectiveOn: '2021-01-01' };
    expect(envelopesAsOf([later, picardieEnvelope], '2020-12-31').map((e) => e.name)).toEqual(['Picardie']);
    expect(envelopesAsOf([later, picardieEnvelope], '2021-01-01').map((e) => e.name)).toEqual([
      'Picardie',
      'Amiénois',
    ]);
  });
});

/** The rule checked on one day, by brute force: what the breakpoint scan must agree with. */
function violatesOn(amendments: Amendment[], envelopes: Envelope[], date: string) {
  const total = envelopesAsOf(envelopes, date).reduce((sum, e) => sum + e.cap, 0);
  const state = programAsOf(amendments, date);
  return {
    violates: state === null || total > state.plannedPasses,
    total,
    planned: state?.plannedPasses ?? 0,
  };
}

describe('envelope caps checked at breakpoints only agree with a day-by-day check', () => {
  it('finds the earliest violating day, and reports none only when every day holds', () => {
    fc.assert(
      fc.property(historyArb, envelopesArb, (amendments, envelopes) => {
        const result = checkEnvelopeCaps(amendments, envelopes);
        if (envelopes.length === 0) {
          expect(result).toBeNull();
          return;
        }
        const first = envelopes.map((e) => e.effectiveOn).sort()[0] as string;
        // Every effective date lies within 2 windows of BASE_DATE; one more day is past the last breakpoint.
        const last = addDays(BASE_DATE, 2 * WINDOW_DAYS + 1);
        for (let day = first; day <= last; day = addDays(day, 1)) {
          const check = violatesOn(amendments, envelopes, day);
          if (result !== null && day === result.date) {
            expect(check.violates).toBe(true);
            expect(result).toMatchObject({ plannedPasses: check.planned, envelopesTotal: check.total });
            return;
          }
          expect(check.violates).toBe(false);
        }
        expect(result).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
