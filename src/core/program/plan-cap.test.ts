import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { programAsOf } from './as-of.js';
import { checkPlanCovers, type IssuedOnDay } from './plan-cap.js';
import { hautsDeFranceHistory } from './testing/seeds.js';
import type { Amendment } from './types.js';

const [creation] = hautsDeFranceHistory as [Amendment];
const cut = (plannedPasses: number, effectiveOn: string): Amendment => ({
  ...creation,
  id: `00000000-0000-4000-8000-${String(plannedPasses).padStart(12, '0')}`,
  kind: 'amendment',
  effectiveOn,
  legal: { ...creation.legal, number: `CUT-${plannedPasses}`, decidedOn: effectiveOn },
  changes: { plannedPasses },
});

describe('the plan holds at the issue date and at every later date', () => {
  it('refuses passes dated yesterday beyond a cut that takes effect tomorrow', () => {
    const history = [creation, cut(2_000, '2020-06-02')];
    const issued: IssuedOnDay[] = [{ date: '2020-06-01', passes: 4_500 }];
    expect(checkPlanCovers(history, issued, '2020-06-01')).toEqual({
      date: '2020-06-02',
      plannedPasses: 2_000,
      issued: 4_500,
    });
  });

  it('refuses a cut below what is already issued, and accepts one above it', () => {
    const issued: IssuedOnDay[] = [{ date: '2020-03-01', passes: 3_000 }];
    expect(checkPlanCovers([creation, cut(2_000, '2020-06-02')], issued, '2020-06-02')?.date).toBe(
      '2020-06-02',
    );
    expect(checkPlanCovers([creation, cut(3_000, '2020-06-02')], issued, '2020-06-02')).toBeNull();
  });

  it('finds a shortfall exactly when some day from the start has more issued than planned', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => {
      const d = new Date(Date.UTC(2020, 2, 1 + n));
      return d.toISOString().slice(0, 10);
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), day), { maxLength: 4 }),
        fc.array(fc.tuple(day, fc.integer({ min: 1, max: 60 })), { maxLength: 5 }),
        day,
        (cuts, batches, from) => {
          const history = [
            creation,
            ...cuts.map(([n, d], i) => ({ ...cut(n, d), id: `c0000000-0000-4000-8000-00000000000${i}` })),
          ];
          const issued = batches.map(([date, passes]) => ({ date, passes }));
          const found = checkPlanCovers(history, issued, from);
          let expected = false;
          for (let n = 0; n <= 70; n++) {
            const d = new Date(Date.UTC(2020, 2, 1 + n)).toISOString().slice(0, 10);
            if (d < from) continue;
            const total = issued.filter((i) => i.date <= d).reduce((s, i) => s + i.passes, 0);
            if (total > 0 && total > (programAsOf(history, d)?.plannedPasses ?? 0)) expected = true;
          }
          expect(found !== null).toBe(expected);
        },
      ),
    );
  });
});
