import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amendmentTimeline, programAsOf } from './as-of.js';
import { dateArb, historyArb, permutationOf } from './testing/arbitraries.js';

describe('the state as of a date does not depend on the order amendments are stored in', () => {
  it('gives the same state for any permutation, on any date', () => {
    const arb = historyArb.chain((history) => fc.tuple(fc.constant(history), permutationOf(history)));
    fc.assert(
      fc.property(arb, fc.array(dateArb, { minLength: 1, maxLength: 5 }), ([history, shuffled], dates) => {
        for (const date of dates) expect(programAsOf(shuffled, date)).toEqual(programAsOf(history, date));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same timeline for any permutation', () => {
    const arb = historyArb.chain((history) => fc.tuple(fc.constant(history), permutationOf(history)));
    fc.assert(
      fc.property(arb, ([history, shuffled]) => {
        expect(amendmentTimeline(shuffled)).toEqual(amendmentTimeline(history));
      }),
      { numRuns: 300 },
    );
  });

  it('exists exactly from the creation date on', () => {
    fc.assert(
      fc.property(historyArb, dateArb, (history, date) => {
        const createdOn = history.find((a) => a.kind === 'creation')?.effectiveOn as string;
        expect(programAsOf(history, date) === null).toBe(date < createdOn);
      }),
    );
  });
});
