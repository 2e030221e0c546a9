import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { programAsOf } from './as-of.js';
import { envelopesAsOf } from './envelopes.js';
import { checkPlanCovers, type IssuedOnDay, outsideShareFrom, roomLeft } from './plan-cap.js';
import { hautsDeFranceHistory } from './testing/seeds.js';
import type { Amendment, Envelope } from './types.js';

const [creation] = hautsDeFranceHistory as [Amendment];
const cut = (plannedPasses: number, effectiveOn: string): Amendment => ({
  ...creation,
  id: `00000000-0000-4000-8000-${String(plannedPasses).padStart(12, '0')}`,
  kind: 'amendment',
  effectiveOn,
  legal: { ...creation.legal, number: `CUT-${plannedPasses}`, decidedOn: effectiveOn },
  changes: { plannedPasses },
});
const envelope = (name: string, cap: number, effectiveOn: string): Envelope => ({
  id: `e0000000-0000-4000-8000-${String(cap).padStart(12, '0')}`,
  name,
  cap,
  effectiveOn,
  territory: [],
});
/** Passes issued on a day, all inside envelopes (outside: 0) unless said. */
const on = (date: string, passes: number, outside = 0): IssuedOnDay => ({ date, passes, outside });

describe('the plan holds at the issue date and at every later date', () => {
  it('refuses passes dated yesterday beyond a cut that takes effect tomorrow', () => {
    const history = [creation, cut(2_000, '2020-06-02')];
    expect(checkPlanCovers(history, [], [on('2020-06-01', 4_500)], '2020-06-01')).toEqual({
      kind: 'plan',
      date: '2020-06-02',
      plannedPasses: 2_000,
      issued: 4_500,
    });
  });

  it('refuses a cut below what is already issued, and accepts one above it', () => {
    const issued = [on('2020-03-01', 3_000)];
    expect(checkPlanCovers([creation, cut(2_000, '2020-06-02')], [], issued, '2020-06-02')?.date).toBe(
      '2020-06-02',
    );
    expect(checkPlanCovers([creation, cut(3_000, '2020-06-02')], [], issued, '2020-06-02')).toBeNull();
  });
});

describe('passes outside any envelope hold within the plan less the envelopes’ caps', () => {
  const history = [creation, cut(1_000, '2020-03-01')];
  const envelopes = [envelope('Somme', 300, '2020-03-01'), envelope('Aisne', 50, '2020-04-01')];

  it('leaves the envelopes’ share to them, from the day each takes effect', () => {
    // 680 outside fit under 1,000 − 300 in March, not under 1,000 − 350 from April on.
    const shortfall = checkPlanCovers(history, envelopes, [on('2020-03-10', 680, 680)], '2020-03-10');
    expect(shortfall).toEqual({
      kind: 'outside_envelopes',
      date: '2020-04-01',
      plannedPasses: 1_000,
      reserved: 350,
      envelopeNames: ['Somme', 'Aisne'],
      outside: 680,
    });
    expect(roomLeft(shortfall!, 680)).toBe(650);
    expect(checkPlanCovers(history, envelopes, [on('2020-03-10', 650, 650)], '2020-03-10')).toBeNull();
    // Passes issued into the envelopes take nothing from the share outside them.
    expect(
      checkPlanCovers(history, envelopes, [on('2020-03-10', 650, 650), on('2020-04-02', 350)], '2020-04-02'),
    ).toBeNull();
  });
});

const day = fc.integer({ min: 0, max: 60 }).map((n) => {
  const d = new Date(Date.UTC(2020, 2, 1 + n));
  return d.toISOString().slice(0, 10);
});

describe('checking the breakpoints finds every day that breaks a rule', () => {
  it('finds a shortfall exactly when some day from the start breaks the plan or its share outside the envelopes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), day), { maxLength: 4 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), day), { maxLength: 3 }),
        fc.array(fc.tuple(day, fc.integer({ min: 1, max: 60 }), fc.boolean()), { maxLength: 5 }),
        day,
        (cuts, caps, batches, from) => {
          const history = [
            creation,
            ...cuts.map(([n, d], i) => ({ ...cut(n, d), id: `c0000000-0000-4000-8000-00000000000${i}` })),
          ];
          const envelopes = caps.map(([cap, d], i) => ({ ...envelope(`E${i}`, cap, d), id: `${i}` }));
          const issued = batches.map(([date, passes, outside]) => on(date, passes, outside ? passes : 0));
          const found = checkPlanCovers(history, envelopes, issued, from);
          let expected = false;
          for (let n = 0; n <= 70; n++) {
            const d = new Date(Date.UTC(2020, 2, 1 + n)).toISOString().slice(0, 10);
            if (d < from) continue;
            const upTo = issued.filter((i) => i.date <= d);
            const total = upTo.reduce((s, i) => s + i.passes, 0);
            const outside = upTo.reduce((s, i) => s + i.outside, 0);
            const planned = programAsOf(history, d)?.plannedPasses ?? 0;
            const reserved = envelopesAsOf(envelopes, d).reduce((s, e) => s + e.cap, 0);
            if (total > 0 && total > planned) expected = true;
            if (outside > 0 && outside > planned - reserved) expected = true;
          }
          expect(found !== null).toBe(expected);
        },
      ),
    );
  });

  it('plans outside the envelopes exactly what issuing there allows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), day), { maxLength: 4 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), day), { maxLength: 3 }),
        day,
        (cuts, caps, from) => {
          const history = [
            creation,
            ...cuts.map(([n, d], i) => ({ ...cut(n, d), id: `c0000000-0000-4000-8000-00000000000${i}` })),
          ];
          const envelopes = caps.map(([cap, d], i) => ({ ...envelope(`E${i}`, cap, d), id: `${i}` }));
          const share = outsideShareFrom(history, envelopes, from);
          const outside = (n: number) => checkPlanCovers(history, envelopes, [on(from, n, n)], from);
          if (share > 0) expect(outside(share)).toBeNull();
          expect(outside(share + 1)).not.toBeNull();
        },
      ),
    );
  });
});

describe('the room left is the least room on the issue date and every later one', () => {
  it('advises what still fits under a cut that takes effect later, not the room on the issue date', () => {
    // 1,000 planned, 300 already issued; a cut to 500 from May on: 200 more fit, not 700.
    const history = [creation, cut(1_000, '2020-03-01'), cut(500, '2020-05-01')];
    const issued = [on('2020-03-02', 300)];
    const shortfall = checkPlanCovers(history, [], [...issued, on('2020-04-01', 800)], '2020-04-01');
    expect(shortfall).toMatchObject({ kind: 'plan', date: '2020-05-01', plannedPasses: 500, issued: 1_100 });
    expect(roomLeft(shortfall!, 800)).toBe(200);
    expect(checkPlanCovers(history, [], [...issued, on('2020-04-01', 200)], '2020-04-01')).toBeNull();
    expect(checkPlanCovers(history, [], [...issued, on('2020-04-01', 201)], '2020-04-01')).not.toBeNull();
  });

  it('advises exactly the largest count the check accepts, inside or outside the envelopes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), day), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), day), { maxLength: 3 }),
        fc.array(fc.tuple(day, fc.integer({ min: 1, max: 60 }), fc.boolean()), { maxLength: 5 }),
        day,
        fc.boolean(),
        fc.integer({ min: 1, max: 400 }),
        (cuts, caps, batches, from, outside, count) => {
          // The programme is planned with 100 passes, then cut (or raised) by later amendments.
          const history = [
            creation,
            cut(100, '2020-03-01'),
            ...cuts.map(([n, d], i) => ({ ...cut(n, d), id: `c0000000-0000-4000-8000-00000000000${i}` })),
          ];
          const envelopes = caps.map(([cap, d], i) => ({ ...envelope(`E${i}`, cap, d), id: `${i}` }));
          const existing = batches.map(([date, passes, out]) => on(date, passes, out ? passes : 0));
          // What is already issued holds (every issue, amendment and envelope was checked).
          fc.pre(checkPlanCovers(history, envelopes, existing, from) === null);
          const adding = (n: number) => [...existing, on(from, n, outside ? n : 0)];
          const shortfall = checkPlanCovers(history, envelopes, adding(count), from);
          fc.pre(shortfall !== null);
          const room = roomLeft(shortfall!, count);
          expect(room).toBeLessThan(count);
          if (room > 0) expect(checkPlanCovers(history, envelopes, adding(room), from)).toBeNull();
          expect(checkPlanCovers(history, envelopes, adding(room + 1), from)).not.toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });
});
