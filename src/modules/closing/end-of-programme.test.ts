import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import { resolveSession } from '../auth/service.js';
import { render } from '../notifications/templates/index.js';
import * as passes from '../passes/service.js';
import * as redemptions from '../redemptions/service.js';
import { carryOverView } from './carry-over.js';
import { runEndOfProgrammes } from './end-of-programme.js';

// Issue 12, point 8: the end of a programme, driven by its amended calendar, with the clock set
// at J-30, J-15, J-7, the usage end, within and after the tolerance for late sessions, and J+37.
// "Today" is injected: the redemption's `at`, the jobs' `today`.
let t: TestApp;
let c: Circulation;
let codes: string[];
let stockSerial: string;
let caller: redemptions.Caller;
let agent: Client;
const T0 = businessDate();
const U = addDays(T0, 80); // the usage end, as amended below: J-30 comes after today
const D = addDays(U, -25); // the distribution end, as amended below: its J-30 too
let usageEndRedemption = 0;
const noon = (day: string) => new Date(`${day}T10:00:00Z`);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  ({ codes } = await handedOutBooklets(t, c, 1));
  const kept = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
    prescriberId: c.organisations['Mission locale du Grand Amiénois'],
    count: 1,
  });
  expect(kept.statusCode).toBe(201);
  stockSerial = kept.json().serials[0];
  const mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  caller = { placeId: mediatheque, userId: null, keyId: null, label: 'test de fin de dispositif' };
  agent = await signIn(t.app, 'lieu@hautsdefrance.test');
  const amended = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
    effectiveOn: T0,
    legal: { ...hautsDeFranceDemoCampaign.creation.legal, number: 'FIN-1', decidedOn: T0 },
    changes: { calendar: { distributionEnd: D, usageEnd: U } },
  });
  expect(amended.statusCode).toBe(201);
});
afterAll(() => t.close());

const session = { theme: STANDARD_SERVICES[1], durationMinutes: 60, format: 'individual' as const };
let n = 0;
const redeemAt = (code: string, day: string, sessionOn?: string) =>
  redemptions
    .redeem(
      t.database.db,
      caller,
      { code, nonce: `fin-de-dispositif-${n++}`, ...session, sessionOn },
      24,
      noon(day),
    )
    .then(
      (r) => ({ ok: true as const, id: r.redemption.id, code: '' }),
      (e: { code: string; status: number; detail: string }) => ({ ok: false as const, ...e }),
    );
const statusOf = async (list: string[]) =>
  (
    await t.database.pool.query(
      `SELECT p.status, count(*)::int AS n FROM passes p WHERE p.code = ANY($1) GROUP BY p.status ORDER BY 1`,
      [list],
    )
  ).rows;
const stockCodes = () => passes.bookletCodes(t.database.db, stockSerial);

describe('the end of a programme', () => {
  it('shows its end dates: reminders at J-30, J-15, J-7, tolerance, final statements at J+37', async () => {
    const res = await c.funder.request('GET', `/api/v1/programs/${c.programId}/closure`);
    expect(res.statusCode).toBe(200);
    expect(res.json().dates).toEqual({
      usageEnd: U,
      lateSessionDays: 31,
      lastRecordingDay: addDays(U, 31),
      finalStatementsOn: addDays(U, 37),
      reminderDays: [addDays(U, -30), addDays(U, -15), addDays(U, -7)],
      prescriberReminderDays: [addDays(D, -30), addDays(D, -15), addDays(D, -7)],
    });
  });

  it('reminds prescribers holding passes before the distribution end, places before the usage end, at J-30, J-15 and J-7, each once, and changes nothing else', async () => {
    const reminders = async () =>
      (
        await t.database.pool.query(
          `SELECT id, recipient, params->>'audience' AS audience, (params->>'daysLeft')::int AS "daysLeft"
             FROM notification_outbox WHERE template = 'usage_end_reminder' AND params->>'usageEnd' = $1`,
          [U],
        )
      ).rows;
    // Each run is a day of the hourly job: what it queued that day, by audience.
    const queued: { day: string; audience: string; recipient: string; daysLeft: number }[] = [];
    const runOn = async (day: string) => {
      const before = new Set((await reminders()).map((r) => r.id));
      await runEndOfProgrammes(t.database.db, day);
      for (const r of (await reminders()).filter((x) => !before.has(x.id)))
        queued.push({ day, audience: r.audience, recipient: r.recipient, daysLeft: r.daysLeft });
    };
    await runOn(addDays(D, -31));
    expect(queued).toEqual([]);
    const days = [30, 15, 7].flatMap((d) => [
      addDays(D, -d),
      addDays(D, 1 - d),
      addDays(U, -d),
      addDays(U, 1 - d),
    ]);
    // The hourly job runs again the same day, and the next: each reminder goes once.
    for (const day of [...new Set(days)].sort()) {
      await runOn(day);
      await runOn(day);
    }
    const prescriber = queued.filter((q) => q.recipient === 'prescripteur@hautsdefrance.test');
    expect(prescriber.map((q) => [q.day, q.daysLeft])).toEqual([30, 15, 7].map((d) => [addDays(D, -d), d]));
    expect(prescriber.every((q) => q.audience === 'prescriber' && q.day < D)).toBe(true);
    const place = queued.filter((q) => q.recipient === 'lieu@hautsdefrance.test');
    expect(place.map((q) => [q.day, q.daysLeft])).toEqual([30, 15, 7].map((d) => [addDays(U, -d), d]));
    expect(place.every((q) => q.audience === 'place')).toBe(true);
    // The prescriber's message names the last day to hand out, and the usage end.
    const { rows } = await t.database.pool.query(
      `SELECT params FROM notification_outbox WHERE template = 'usage_end_reminder'
          AND recipient = 'prescripteur@hautsdefrance.test' AND params->>'usageEnd' = $1 LIMIT 1`,
      [U],
    );
    expect(rows[0].params).toMatchObject({ distributionEnd: D, usageEnd: U });
    // « Voir votre stock » opens the stock of the organisation the reminder is about.
    const mission = c.organisations['Mission locale du Grand Amiénois'];
    expect(render('usage_end_reminder', rows[0].params, { publicUrl: 'https://pass.test' }).text).toContain(
      `https://pass.test/prescripteur?structure=${mission}`,
    );
    // The place's names the last day a session given before the end may still be recorded.
    const toPlace = await t.database.pool.query(
      `SELECT params FROM notification_outbox WHERE template = 'usage_end_reminder'
          AND recipient = 'lieu@hautsdefrance.test' AND params->>'usageEnd' = $1 LIMIT 1`,
      [U],
    );
    expect(toPlace.rows[0].params).toMatchObject({ usageEnd: U, lastRecordingDay: addDays(U, 31) });
    const { text } = render('usage_end_reminder', toPlace.rows[0].params, { publicUrl: 'https://pass.test' });
    expect(text).toContain(`à sa date réelle, jusqu’au ${frenchDate(addDays(U, 31))}.`);
    expect(text).toContain('Les pass numériques du dispositif «');
    // « Enregistrer des pass » opens the desk of the place the reminder is about.
    expect(text).toContain(`https://pass.test/lieu?lieu=${c.organisations['Médiathèque Louis Aragon']}`);
    await runEndOfProgrammes(t.database.db, U);
    expect(await statusOf(codes)).toEqual([{ status: 'active', n: 10 }]);
    expect(await statusOf(await stockCodes())).toEqual([{ status: 'active', n: 10 }]);
  });

  it('takes a session on the usage end, none after it', async () => {
    const onTheDay = await redeemAt(codes[0]!, U);
    expect(onTheDay).toMatchObject({ ok: true });
    if (onTheDay.ok) usageEndRedemption = onTheDay.id;
    // Its validity ended with the usage end as amended (it was handed out under the first end).
    expect(await redeemAt(codes[1]!, addDays(U, 1))).toMatchObject({ ok: false, code: 'expired' });
  });

  it('cancels the passes never handed out the day after the usage end, and keeps the others for late sessions', async () => {
    const waiting = await passes.neverHandedOut(t.database.db, c.programId);
    expect(waiting.n).toBeGreaterThan(10);
    await runEndOfProgrammes(t.database.db, addDays(U, 1));
    expect(await statusOf(await stockCodes())).toEqual([{ status: 'cancelled', n: 10 }]);
    // The programme's page says so: no following programme was chosen, all of them were cancelled.
    const { actor } = (await resolveSession(t.database.db, c.funder.cookie))!;
    const view = await carryOverView(t.database.db, actor, c.programId, addDays(U, 2));
    // The booklet the prescriber kept is no longer stock it holds, nor passes it was entrusted with.
    const mission = c.organisations['Mission locale du Grand Amiénois']!;
    const stock = await c.funder.request('GET', `/api/v1/organisations/${mission}/stock`);
    expect(stock.statusCode, stock.body).toBe(200);
    expect(JSON.stringify(stock.json())).not.toContain(stockSerial);
    const prescriber = await c.funder.request('GET', `/api/v1/funders/${c.funderId}/prescribers/${mission}`);
    expect(prescriber.json().held).toBe(0);
    const dashboard = await c.funder.request('GET', `/api/v1/programs/${c.programId}/dashboard`);
    expect(dashboard.json().total).toMatchObject({ allocated: 0 });
    expect(view).toMatchObject({
      open: false,
      done: null,
      neverHandedOut: { passes: 0 },
      cancelledAtEnd: waiting.n,
    });
    expect(await statusOf(codes)).toEqual([
      { status: 'active', n: 9 },
      { status: 'redeemed', n: 1 },
    ]);
    // The daily expiry leaves them too: the tolerance period is not over.
    await passes.expireOverdue(t.database.db, addDays(U, 10));
    expect(await statusOf(codes.slice(1))).toEqual([{ status: 'active', n: 9 }]);
  });

  it('records, within the tolerance, a session given before the end with its real date', async () => {
    const late = await redeemAt(codes[2]!, addDays(U, 10), addDays(U, -1));
    expect(late).toMatchObject({ ok: true });
    const { rows } = await t.database.pool.query(
      'SELECT session_on::text, recorded_on::text FROM late_sessions WHERE redemption_id = $1',
      [late.ok && late.id],
    );
    expect(rows).toEqual([{ session_on: addDays(U, -1), recorded_on: addDays(U, 10) }]);

    const after = await redeemAt(codes[3]!, addDays(U, 10), addDays(U, 1));
    expect(after).toMatchObject({ ok: false, code: 'session_after_usage_end', status: 422 });
    expect(after.ok || after.detail).toMatch(/après la fin d'utilisation/);

    // The dashboard counts each session in the month it was given, as the period's report does:
    // the late one in the month of U - 1, none after the usage end.
    const dashboard = await c.funder.request('GET', `/api/v1/programs/${c.programId}/dashboard`);
    expect(dashboard.statusCode).toBe(200);
    const given = new Map<string, number>();
    for (const day of [addDays(U, -1), U]) given.set(day.slice(0, 7), (given.get(day.slice(0, 7)) ?? 0) + 1);
    const since = addDays(U, -1).slice(0, 7);
    expect(
      (dashboard.json().byMonth as { month: string; redemptions: number }[])
        .filter((m) => m.month >= since)
        .map((m) => [m.month, m.redemptions]),
    ).toEqual([...given].sort());
  });

  it('tells the desk, within the tolerance, until when a session given before the end may be recorded', async () => {
    const today = await redemptions.check(t.database.db, caller, codes[3]!, addDays(U, 10));
    expect(today).toMatchObject({ status: 'expired', validUntil: U, lateSessionsUntil: addDays(U, 31) });
    expect(today.message).toMatch(/ne vaut plus pour une séance d'aujourd'hui/);
    expect(today.message).toMatch(/peut encore être enregistrée, avec sa date, jusqu'au/);
    // The day it names is the last one such a session is taken.
    const lastDay = await redemptions.check(t.database.db, caller, codes[3]!, addDays(U, 31), U);
    expect(lastDay).toMatchObject({ status: 'redeemable', lateSessionsUntil: null });
    // Once the tolerance is over, nothing more may be recorded, and nothing is said of it.
    const after = await redemptions.check(t.database.db, caller, codes[3]!, addDays(U, 32));
    expect(after).toMatchObject({ status: 'expired', lateSessionsUntil: null, message: 'Ce pass a expiré.' });
  });

  it('refuses a late session once the tolerance is over, then expires the passes left', async () => {
    const tooLate = await redeemAt(codes[3]!, addDays(U, 32), addDays(U, -1));
    expect(tooLate).toMatchObject({ ok: false, code: 'late_session_period_over', status: 409 });
    expect(tooLate.ok || tooLate.detail).toMatch(/délai pour enregistrer une séance tardive est passé/);

    await runEndOfProgrammes(t.database.db, addDays(U, 31));
    expect(await statusOf(codes)).toEqual([
      { status: 'active', n: 8 },
      { status: 'redeemed', n: 2 },
    ]);
    await runEndOfProgrammes(t.database.db, addDays(U, 32));
    expect(await statusOf(codes)).toEqual([
      { status: 'expired', n: 8 },
      { status: 'redeemed', n: 2 },
    ]);
  });

  it('issues the final statements at J+37, with the sessions of the usage end month', async () => {
    const lines = () =>
      t.database.pool.query(
        'SELECT s.month::text FROM statement_lines l JOIN statements s ON s.id = l.statement_id WHERE l.redemption_id = $1',
        [usageEndRedemption],
      );
    await runEndOfProgrammes(t.database.db, addDays(U, 36));
    expect((await lines()).rows).toEqual([]);
    const run = await runEndOfProgrammes(t.database.db, addDays(U, 37));
    expect(run.finalStatements).toBeGreaterThan(0);
    expect((await lines()).rows).toEqual([{ month: `${U.slice(0, 7)}-01` }]);
    // Once: the job runs again that hour and the next day. The next day may start a month (when
    // J+37 is a month's last day), whose own statements are then due: only those may be issued.
    const issuedMonths = async () =>
      (
        await t.database.pool.query(
          'SELECT month::text, count(*)::int AS n FROM statements WHERE funder_id = $1 GROUP BY 1 ORDER BY 1',
          [c.funderId],
        )
      ).rows;
    expect((await runEndOfProgrammes(t.database.db, addDays(U, 37))).finalStatements).toBe(0);
    const before = await issuedMonths();
    const next = addDays(U, 38);
    const nextRun = await runEndOfProgrammes(t.database.db, next);
    const after = await issuedMonths();
    const issuedBefore = (m: { month: string }) => m.month < `${addDays(U, 37).slice(0, 7)}-01`;
    expect(after.filter(issuedBefore)).toEqual(before.filter(issuedBefore));
    const total = (rows: { n: number }[]) => rows.reduce((sum, m) => sum + m.n, 0);
    expect(nextRun.finalStatements).toBe(total(after) - total(before));
    expect(after.every((m) => m.month < `${next.slice(0, 7)}-01`)).toBe(true);
    expect((await lines()).rows).toEqual([{ month: `${U.slice(0, 7)}-01` }]);
  });

  it('sums it up at J+37: passes, money, and what each payer gets back', async () => {
    // As of J+37: the redemptions recorded at the usage end and during the tolerance are dated then.
    const res = await c.funder.request(
      'GET',
      `/api/v1/programs/${c.programId}/closure?asOf=${addDays(U, 37)}`,
    );
    const s = res.json();
    expect(s.status).toBe('usage_closed');
    // The counts of passes are today's, and say so: a pass keeps its state, not its history.
    expect(s.passesOn).toBe(businessDate());
    expect(s.passes.outstanding).toBe(0);
    expect(s.passes.expired).toBeGreaterThanOrEqual(8);
    expect(s.passes.cancelled).toBeGreaterThanOrEqual(10);
    expect(s.money.outstandingCents).toBe(0);
    expect(s.money.usedCents).toBe(s.money.owedCents + s.money.paidCents);
    // The money never activated is shared out among the payers; the State, tied by its
    // convention to the passes used, gets back what it paid beyond its share of them.
    const neverActivated = s.byPayer.reduce(
      (t: number, p: { neverActivatedCents: number }) => t + p.neverActivatedCents,
      0,
    );
    expect(neverActivated).toBe(s.money.unactivatedCents);
    const state = s.byPayer.find((p: { payer: string }) => p.payer === 'État (ANCT)');
    expect(state.toReturnCents).toBe(Math.max(0, state.receivedCents - state.shareCents));
    expect(s.dates.finalStatementsOn).toBe(addDays(U, 37));
    expect(
      (
        await t.database.pool.query(
          `SELECT count(*)::int AS n FROM audit_entries WHERE action LIKE 'program.usage_end_%'`,
        )
      ).rows[0].n,
    ).toBeGreaterThanOrEqual(2);
  });

  it('takes the tolerance from the programme, settable by amendment, and refuses a date in the future', async () => {
    const amended = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
      effectiveOn: T0,
      legal: { ...hautsDeFranceDemoCampaign.creation.legal, number: 'FIN-2', decidedOn: T0 },
      changes: { lateSessionDays: 400 },
    });
    expect(amended.statusCode).toBe(422);
    expect(JSON.stringify(amended.json().errors)).toMatch(/lateSessionDays/);

    const future = await agent.request('POST', '/api/v1/redemptions', {
      placeId: caller.placeId,
      code: codes[4],
      nonce: 'seance-future-1',
      ...session,
      sessionOn: addDays(T0, 1),
    });
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({ code: 'session_date_in_future' });
    expect(future.json().errors[0].field).toBe('sessionOn');
  });
});
