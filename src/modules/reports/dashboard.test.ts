import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { monthsOf } from '../../core/report-period.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets, redeemCodes } from '../../test/circulation.js';
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
      theme: STANDARD_SERVICES[1],
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

  it('shows the months without a use between the first and the last, as the Bilan does', async () => {
    // The demo uses passes every month: a session given a year before the first one (written
    // as the service writes a late session, at a date it would refuse) leaves eleven months
    // without a use, each shown with nothing used, a gap to see rather than a month that vanished.
    const { codes } = await handedOutBooklets(t, c, 1);
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    const [id] = await redeemCodes(
      place,
      c.organisations['Médiathèque Louis Aragon']!,
      codes.slice(0, 1),
      'dashboard-gap',
    );
    const before = (await dashboard()).byMonth as { month: string; redemptions: number }[];
    const first = before[0]!.month;
    const earlier = `${Number(first.slice(0, 4)) - 1}${first.slice(4)}`;
    await t.database.pool.query(
      'INSERT INTO late_sessions (redemption_id, session_on, recorded_on) VALUES ($1, $2, $3)',
      [id, `${earlier}-15`, businessDate()],
    );
    const d = await dashboard();
    const months = d.byMonth.map((m: { month: string }) => m.month);
    expect(months[0]).toBe(earlier);
    expect(months).toEqual(monthsOf({ from: `${earlier}-01`, to: `${months.at(-1)}-01` }));
    expect(months.length).toBeGreaterThanOrEqual(13);
    expect(d.byMonth[1]).toEqual({ month: months[1], redemptions: 0, valueCents: 0 });
    const total = d.byMonth.reduce((s: number, m: { redemptions: number }) => s + m.redemptions, 0);
    expect(total).toBe(d.total.redeemed);
  });

  it('shows the day a place redeemed far more passes than it usually does, for the funder to look at', async () => {
    type Unusual = {
      placeId: string;
      placeName: string;
      day: string;
      redemptions: number;
      usualPerDay: number | null;
    };
    const today = businessDate();
    const burst = c.organisations['Médiathèque Louis Aragon']!;
    const todayAt = (d: { unusualDays: Unusual[] }) =>
      d.unusualDays.find((u) => u.placeId === burst && u.day === today);
    // A usual day: one pass (the test before) is nothing to look at.
    expect(todayAt(await dashboard())).toBeUndefined();

    const { codes } = await handedOutBooklets(t, c, 3);
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    const ids = await redeemCodes(place, burst, codes, 'unusual-day');
    const after = await dashboard();
    const day = todayAt(after);
    expect(day).toMatchObject({ placeName: 'Médiathèque Louis Aragon', day: today });
    expect(day!.redemptions).toBeGreaterThanOrEqual(codes.length);
    // Every day shown is at least 20 passes and more than three times the place's usual.
    for (const u of after.unusualDays as Unusual[]) {
      expect(u.redemptions).toBeGreaterThanOrEqual(20);
      if (u.usualPerDay !== null) expect(u.redemptions).toBeGreaterThan(3 * u.usualPerDay);
      expect(u.day > addDays(today, -28) && u.day <= today).toBe(true);
    }
    // Cancelled (a wrong pass, a session not held), they no longer count: the day is usual again.
    for (const id of ids.slice(5)) {
      expect((await place.request('POST', `/api/v1/redemptions/${id}/cancel`)).statusCode).toBe(200);
    }
    expect(todayAt(await dashboard())).toBeUndefined();
  });

  it('judges a busy day against the place’s usual days: three times its average, not more, is usual', async () => {
    const today = businessDate();
    const placeId = c.organisations['Médiathèque Louis Aragon']!;
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    // Enough for two busy days and a third up to three times their average.
    const { codes } = await handedOutBooklets(t, c, 14);
    let next = 0;
    const redeem = (n: number) => {
      const from = next;
      next += n;
      return redeemCodes(place, placeId, codes.slice(from, next), `usual-day-${from}`);
    };
    // Two busy days last week: the clock is moved back for them (they were recorded today).
    for (const daysAgo of [2, 3]) {
      const ids = await redeem(30);
      await t.database.pool.query(
        `UPDATE redemptions SET redeemed_at = redeemed_at - make_interval(days => $2) WHERE id = ANY($1)`,
        [ids, daysAgo],
      );
    }
    // The place's days as its own list tells them: the average of its days of activity in the
    // four weeks before today, and what it has redeemed today already.
    const perDay = new Map<string, number>();
    let before: number | null = null;
    do {
      const page = (
        await place.request(
          'GET',
          `/api/v1/places/${placeId}/redemptions?from=${addDays(today, -28)}&to=${today}&limit=200${before ? `&before=${before}` : ''}`,
        )
      ).json() as {
        redemptions: { redeemedAt: string; cancelledAt: string | null }[];
        nextBefore: number | null;
      };
      for (const r of page.redemptions) {
        if (r.cancelledAt) continue;
        const day = businessDate(new Date(r.redeemedAt));
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
      }
      before = page.nextBefore;
    } while (before);
    const already = perDay.get(today) ?? 0;
    const earlier = [...perDay].filter(([day]) => day < today && day >= addDays(today, -28));
    const sum = earlier.reduce((s, [, n]) => s + n, 0);
    const bound = Math.floor((3 * sum) / earlier.length);
    expect(bound).toBeGreaterThanOrEqual(20);
    const unusualToday = async () =>
      (
        (await dashboard()).unusualDays as {
          placeId: string;
          day: string;
          redemptions: number;
          usualPerDay: number;
        }[]
      ).find((u) => u.placeId === placeId && u.day === today);

    // Up to three times the usual: at least 20 passes, and still a usual day for this place.
    await redeem(bound - already);
    expect(await unusualToday()).toBeUndefined();
    // One more, and it is worth a look.
    await redeem(1);
    expect(await unusualToday()).toEqual({
      placeId,
      placeName: 'Médiathèque Louis Aragon',
      day: today,
      redemptions: bound + 1,
      usualPerDay: Math.round((sum / earlier.length) * 10) / 10,
    });
  });

  it('judges the days by the funder’s own rule: raised for its workshops, the busy day is usual', async () => {
    const today = businessDate();
    const placeId = c.organisations['Médiathèque Louis Aragon']!;
    const settings = `/api/v1/funders/${c.funderId}/settings`;
    const unusualToday = async () => {
      const d = await dashboard();
      return {
        rule: d.unusualDayRule,
        day: d.unusualDays.find(
          (u: { placeId: string; day: string }) => u.placeId === placeId && u.day === today,
        ),
      };
    };
    // The test before left today unusual by the platform's default rule.
    const before = await unusualToday();
    expect(before.rule).toEqual({ minimum: 20, factor: 3 });
    expect(before.day.redemptions).toBeGreaterThan(3 * before.day.usualPerDay);
    const rule = async (minimum: number, factor: number) => {
      const res = await c.funder.request('PATCH', settings, { unusualDay: { minimum, factor } });
      expect(res.statusCode, res.body).toBe(200);
    };
    // Its places hold workshops of up to forty: a day is worth a look from fifty passes on.
    await rule(before.day.redemptions + 1, 3);
    expect(await unusualToday()).toEqual({
      rule: { minimum: before.day.redemptions + 1, factor: 3 },
      day: undefined,
    });
    // Or from five times the place's usual number.
    await rule(20, 5);
    expect((await unusualToday()).day).toBeUndefined();
    // Lowered again, the day is shown as it was.
    await rule(before.day.redemptions, 3);
    expect((await unusualToday()).day).toEqual(before.day);
    await rule(20, 3);
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
