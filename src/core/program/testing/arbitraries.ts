import fc from 'fast-check';
import { addDays } from '../../dates.js';
import { normaliseAudiences } from '../audiences.js';
import type { Amendment, Envelope, ProgramChanges, ProgramState } from '../types.js';

/*
 * Generators for property tests. Dates are drawn from a narrow window so that
 * amendments often share an effective date, a decision date or a number: the
 * tie-breaks of the application order are what the properties exercise.
 */

export { addDays };

export const BASE_DATE = '2024-01-01';
export const WINDOW_DAYS = 40;
export const dateArb = fc.integer({ min: 0, max: WINDOW_DAYS }).map((n) => addDays(BASE_DATE, n));

const calendarArb = fc
  .tuple(fc.nat(10), fc.nat(10), fc.nat(10), fc.option(fc.nat(10)))
  .map(([a, b, c, d]) => ({
    distributionStart: addDays(BASE_DATE, a),
    distributionEnd: addDays(BASE_DATE, a + b),
    usageEnd: addDays(BASE_DATE, a + b + c),
    closure: d === null ? null : addDays(BASE_DATE, a + b + c + d),
  }));

const linesArb = fc.array(
  fc.record({
    kind: fc.constantFrom('acquisition' as const, 'engineering' as const, 'other' as const),
    label: fc.constantFrom('Pass', 'Ingénierie', 'Impression'),
    amountCents: fc.nat(1_000_000),
  }),
  { maxLength: 3 },
);

export const stateArb: fc.Arbitrary<ProgramState> = fc.record({
  name: fc.constantFrom('Dispositif A', 'Dispositif B'),
  faceValueCents: fc.constantFrom(500, 1000),
  bookletSizes: fc.constantFrom<ProgramState['bookletSizes']>([5], [10], [5, 10]),
  plannedPasses: fc.nat(100),
  audiences: fc.subarray(['Demandeurs d’emploi', '60 ans et plus', 'Jeunes 18-25']).map(normaliseAudiences),
  passesPerBeneficiary: fc.option(fc.integer({ min: 1, max: 20 })),
  lateSessionDays: fc.integer({ min: 0, max: 366 }),
  calendar: calendarArb,
  reportingDeadlines: fc.array(fc.record({ label: fc.constant('Rapport'), dueOn: dateArb }), {
    maxLength: 2,
  }),
  budget: fc.record({
    lines: linesArb,
    cofunders: fc.array(
      fc.oneof(
        fc.record({ name: fc.constant('État'), amountCents: fc.nat(1_000_000) }),
        fc.record({ name: fc.constant('FEDER'), shareBps: fc.nat(10_000) }),
      ),
      { maxLength: 2 },
    ),
    phasing: fc.constant([]),
    engineeringCeilingBps: fc.option(fc.nat(10_000)),
  }),
  status: fc.constantFrom('draft' as const, 'active' as const, 'suspended' as const, 'closed' as const),
});

export const changesArb: fc.Arbitrary<ProgramChanges> = fc.record(
  {
    name: fc.constantFrom('Dispositif A', 'Dispositif B'),
    plannedPasses: fc.nat(100),
    audiences: fc.subarray(['Demandeurs d’emploi', '60 ans et plus', 'Jeunes 18-25']),
    calendar: fc.record({ usageEnd: dateArb, closure: fc.option(dateArb) }, { requiredKeys: [] }),
    budget: fc.record(
      { lines: linesArb, engineeringCeilingBps: fc.option(fc.nat(10_000)) },
      { requiredKeys: [] },
    ),
    status: fc.constantFrom('active' as const, 'suspended' as const),
  },
  { requiredKeys: [] },
);

const legalArb = fc.record({
  body: fc.constant('Commission permanente'),
  number: fc.constantFrom('1', '2', '3'),
  decidedOn: dateArb,
  votesFor: fc.option(fc.nat(60)),
  votesAgainst: fc.constant(0),
  abstentions: fc.constant(0),
  text: fc.constant('Délibération'),
});

/** A valid history: one creation, then amendments effective on or after it, ids unique. */
export const historyArb: fc.Arbitrary<Amendment[]> = fc
  .tuple(
    dateArb,
    stateArb,
    legalArb,
    fc.array(fc.tuple(fc.nat(WINDOW_DAYS), legalArb, changesArb), { maxLength: 6 }),
  )
  .map(([createdOn, state, legal, rest]) => [
    { id: 'creation', kind: 'creation' as const, effectiveOn: createdOn, legal, changes: state },
    ...rest.map(([offset, legal, changes], i) => ({
      id: `amendment-${i}`,
      kind: 'amendment' as const,
      effectiveOn: addDays(createdOn, offset % 20),
      legal,
      changes,
    })),
  ]);

export const envelopesArb: fc.Arbitrary<Envelope[]> = fc
  .array(fc.tuple(dateArb, fc.nat(60)), { maxLength: 4 })
  .map((list) =>
    list.map(([effectiveOn, cap], i) => ({
      id: `envelope-${i}`,
      name: `Enveloppe ${i}`,
      cap,
      effectiveOn,
      territory: [],
    })),
  );

/** The same elements in another order. */
export const permutationOf = <T>(items: T[]): fc.Arbitrary<T[]> =>
  fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });
