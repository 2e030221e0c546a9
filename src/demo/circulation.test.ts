import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../core/dates.js';
import { firstWorkingDay } from '../core/french-holidays.js';
import { dayAfterMonth } from '../core/statement.js';
import { signIn, startTestApp, type TestApp } from '../test/app.js';
import { demoCampaign } from '../test/circulation.js';

/**
 * The demo replays a year of a campaign: what its places see must read as real use would,
 * the latest redemption first (the list is in the order redemptions were recorded).
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
});
afterAll(() => t.close());

describe('the demo campaign', () => {
  it('shows each place its redemptions from the latest to the earliest, over several months', async () => {
    const c = await demoCampaign(t);
    const agent = await signIn(t.app, 'lieu@hautsdefrance.test');
    const place = c.organisations['Médiathèque Louis Aragon']!;
    const res = await agent.request('GET', `/api/v1/places/${place}/redemptions`);
    expect(res.statusCode).toBe(200);
    const days = (res.json().redemptions as { redeemedAt: string }[]).map((r) => r.redeemedAt);
    expect(days.length).toBeGreaterThan(20);
    expect(days).toEqual([...days].sort().reverse());
    // Months of use, not one day's.
    expect(new Set(days.map((d) => d.slice(0, 7))).size).toBeGreaterThan(3);
  });

  it('activates the passes a funding backs on the day it was recorded, not on the day the demo was loaded', async () => {
    // Money received on 2 February and 15 April, each recorded that day: as of 30 September,
    // nothing was left unactivated while 640 € of passes had been used (the activation was
    // posted when the demo was loaded: 4 500 € never activated, all of it to hand back).
    const c = await demoCampaign(t);
    const closure = async (asOf: string) => {
      const res = await c.funder.request('GET', `/api/v1/programs/${c.programId}/closure?asOf=${asOf}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const september = await closure('2026-09-30');
    expect(september.money.fundedCents).toBe(450_000);
    expect(september.money.unactivatedCents).toBe(0);
    expect(september.money.outstandingCents).toBe(450_000 - september.money.usedCents);
    expect(september.money.usedCents).toBeGreaterThan(0);
    // Before the State's money came, the Region's alone was in circulation.
    const march = await closure('2026-03-31');
    expect(march.money.fundedCents).toBe(300_000);
    expect(march.money.unactivatedCents).toBe(0);
    expect(march.money.outstandingCents).toBe(300_000 - march.money.usedCents);
  });

  it('records each person on the day their booklet was handed out', async () => {
    // « Enregistrée le 7 décembre 2026 » for a booklet handed out on 3 February: the person was
    // recorded when the demo was loaded, not at the desk on the day of the hand-out.
    const c = await demoCampaign(t);
    const base = `/api/v1/funders/${c.funderId}/beneficiaries`;
    const found = (await c.funder.request('GET', `${base}?q=Dupont`)).json();
    const person = (await c.funder.request('GET', `${base}/${found.people[0].id}`)).json();
    expect(person.booklets[0].handedOutOn).toBe('2026-02-03');
    expect(person.person.recordedOn).toBe('2026-02-03');
  });

  it('issues each month’s statements on the first working day after it, as the monthly run does', async () => {
    // February's statements read « Émis le 07/12/2026 », the day the demo was loaded.
    const c = await demoCampaign(t);
    const res = await c.funder.request('GET', `/api/v1/funders/${c.funderId}/statements`);
    expect(res.statusCode, res.body).toBe(200);
    const statements = res.json().statements as { month: string; createdAt: string }[];
    expect(statements.length).toBeGreaterThan(3);
    for (const s of statements) {
      const after = dayAfterMonth(s.month.slice(0, 7));
      expect(businessDate(new Date(s.createdAt)), s.month).toBe(firstWorkingDay(after));
    }
  });
});
