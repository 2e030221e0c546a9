import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import * as passes from '../passes/service.js';

let t: TestApp;
let c: Circulation;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
});
afterAll(() => t.close());

const dashboard = async () =>
  (await c.funder.request('GET', `/api/v1/programs/${c.programId}/dashboard`)).json();

describe('funder dashboard', () => {
  it('shows the demo campaign per envelope, adding up, with redemptions by month', async () => {
    const d = await dashboard();
    expect(d.rows.map((r: { name: string; planned: number }) => [r.name, r.planned])).toEqual([
      ['Somme', 2000],
      ['Hors enveloppe', 3000],
    ]);
    expect(d.total).toMatchObject({ planned: 5000, issued: 500, activated: 450 });
    for (const key of ['issued', 'redeemed', 'handedOut', 'allocated'] as const) {
      expect(d.rows.reduce((s: number, r: Record<string, number>) => s + r[key]!, 0)).toBe(d.total[key]);
    }
    const byMonth = d.byMonth.reduce((s: number, m: { redemptions: number }) => s + m.redemptions, 0);
    expect(byMonth).toBe(d.total.redeemed);
    expect(d.byMonth.length).toBeGreaterThan(3);
  });

  it('moves when a pass is redeemed', async () => {
    const before = await dashboard();
    const { codes } = await handedOutBooklets(t, c, 1);
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    await place.request('POST', '/api/v1/redemptions', {
      placeId: c.organisations['Médiathèque Louis Aragon'],
      code: codes[0],
      nonce: 'dashboard-moves',
      theme: STANDARD_SERVICES[2],
      durationMinutes: 45,
      format: 'collective',
    });
    const after = await dashboard();
    expect(after.total.redeemed).toBe(before.total.redeemed + 1);
    expect(after.total.handedOut).toBe(before.total.handedOut + codes.length);
    const month = businessDate().slice(0, 7);
    const thisMonth = (d: { byMonth: { month: string; redemptions: number }[] }) =>
      d.byMonth.find((m) => m.month === month)?.redemptions ?? 0;
    expect(thisMonth(after)).toBe(thisMonth(before) + 1);
  });

  it('counts passes as expired once their validity has ended, and moves their value', async () => {
    const before = await dashboard();
    const finance = async () =>
      (await c.funder.request('GET', `/api/v1/programs/${c.programId}/finance`)).json().balances;
    const money = await finance();
    // Run the daily expiry as if it were the first of February 2028: the usage end (2027-12-31) and its 31-day tolerance for late sessions are past.
    const n = await passes.expireOverdue(t.database.db, '2028-02-01');
    expect(n).toBe(before.total.outstanding);
    const after = await dashboard();
    expect(after.total.expired).toBe(before.total.expired + n);
    expect(after.total.outstanding).toBe(0);
    expect((await finance()).expiredCents - money.expiredCents).toBe(n * 1000);
    expect(await passes.expireOverdue(t.database.db, '2028-02-01')).toBe(0);
  });

  it('counts the passes as they are today: a past date is refused, naming it, rather than mixed', async () => {
    // It showed the plan of 10 January (none yet) beside today's 500 passes, in rows that did
    // not add up to the total.
    const yesterday = addDays(businessDate(), -1);
    const past = await c.funder.request('GET', `/api/v1/programs/${c.programId}/dashboard?asOf=${yesterday}`);
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toEqual([{ field: 'asOf', message: expect.stringContaining('aujourd’hui') }]);
    const next = await c.funder.request(
      'GET',
      `/api/v1/programs/${c.programId}/dashboard?asOf=${addDays(businessDate(), 30)}`,
    );
    expect(next.statusCode).toBe(200);
    expect(next.json().total.issued).toBe((await dashboard()).total.issued);
  });

  it('is another funder’s business only', async () => {
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await pdc.request('GET', `/api/v1/programs/${c.programId}/dashboard`)).statusCode).toBe(404);
  });
});
