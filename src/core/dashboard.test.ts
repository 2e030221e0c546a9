import { describe, expect, it } from 'vitest';
import { dashboardRows, NO_ENVELOPE, type PassCounts } from './dashboard.js';

const counts = (issued: number, redeemed = 0): PassCounts => ({
  issued,
  activated: issued,
  allocated: 0,
  handedOut: issued,
  redeemed,
  expired: 0,
  cancelled: 0,
  outstanding: issued - redeemed,
});

describe('programme dashboard rows', () => {
  it('gives each envelope its cap, the rest of the plan outside envelopes, and totals', () => {
    const { rows, total } = dashboardRows(
      5000,
      [{ id: 'e1', name: 'Somme', cap: 2000 }],
      new Map([
        ['e1', counts(400, 120)],
        [null, counts(100, 10)],
      ]),
    );
    expect(rows.map((r) => [r.name, r.planned, r.issued, r.remaining])).toEqual([
      ['Somme', 2000, 400, 1600],
      [NO_ENVELOPE, 3000, 100, 2900],
    ]);
    expect(total).toMatchObject({
      planned: 5000,
      issued: 500,
      redeemed: 130,
      outstanding: 370,
      remaining: 4500,
    });
  });

  it('omits the outside row when envelopes take the whole plan and nothing was issued outside', () => {
    const { rows } = dashboardRows(1000, [{ id: 'e1', name: 'A', cap: 1000 }], new Map());
    expect(rows.map((r) => r.name)).toEqual(['A']);
    expect(rows[0]).toMatchObject({ issued: 0, remaining: 1000 });
  });
});
