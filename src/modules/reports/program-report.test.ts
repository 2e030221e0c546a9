import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchMonth } from '../../core/dates.js';
import { lastFullQuarter, lastFullYear, monthsOf } from '../../core/report-period.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { newAccount } from '../../test/accounts.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import {
  acceptPartialLines,
  camt053,
  importedBankFile,
  sentRun,
  statedRedemptions,
} from '../../test/payments.js';
import { pdfText, pdfWords } from '../../test/pdf.js';

/*
 * A programme's report for a period (« Bilan de la période »), read as a finance officer reads
 * it before sending it to the State agency: its figures add up, a period counts what happened in
 * it and nothing else, a cancelled redemption is no session, a late session counts on its day,
 * erasing a person's names moves nothing, and only the funder's staff read it.
 *
 * The demo campaign (Région Hauts-de-France, from 15 January 2026): twelve people handed a
 * booklet by the Mission locale from 3 February 2026, every 24 days, each using passes at the
 * médiathèque and the social centre over the following weeks; money from the Region on
 * 2 February and from the State (ANCT) on 15 April.
 */
let t: TestApp;
let c: Circulation;
let place: Client;
const today = businessDate();
const Q2 = { from: '2026-04-01', to: '2026-06-30' };

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  place = await signIn(t.app, 'lieu@hautsdefrance.test');
});
afterAll(() => t.close());

type Report = {
  from: string;
  to: string;
  program: Record<string, unknown> & {
    plannedPasses: number | null;
    faceValueCents: number | null;
    name: string;
  };
  passes: {
    period: Record<'issued' | 'handedOut' | 'used' | 'usedValueCents', number>;
    toDate: Record<'issued' | 'handedOut' | 'used' | 'usedValueCents', number>;
    usedOfPlannedBps: number | null;
  };
  people: {
    reached: number;
    byAudience: { label: string; people: number }[];
    byDepartement: { name: string; code: string | null; people: number }[];
    byEpci: { name: string; code: string | null; people: number }[];
  };
  sessions: {
    count: number;
    minutes: number;
    valueCents: number;
    byTheme: { theme: string; sessions: number; minutes: number }[];
    byFormat: { format: string; label: string; sessions: number; minutes: number }[];
    byMonth: { month: string; sessions: number; minutes: number; valueCents: number }[];
    places: number;
    topPlaces: { name: string; commune: string | null; sessions: number }[];
    byPlace: {
      name: string;
      commune: string | null;
      sessions: number;
      minutes: number;
      valueCents: number;
    }[];
    byDepartement: {
      code: string | null;
      name: string;
      places: number;
      sessions: number;
      minutes: number;
      valueCents: number;
    }[];
  };
  prescribers: { handingOut: number };
  money: {
    fundings: { payer: string; receivedCents: number; reversedCents: number }[];
    sessionsValueCents: number;
    paidToPlacesCents: number;
    owedToPlacesCents: number;
    paidToPlacesToDateCents: number;
    writtenOffToDateCents: number;
    recordedAfter: { sessions: number; valueCents: number };
    cancelledAfter: { sessions: number; valueCents: number };
    budget: {
      totalCents: number;
      usedValueCents: number;
      payers: {
        name: string;
        shareCents: number;
        receivedCents: number;
        owedByRuleCents: number | null;
        usedShareBps: number | null;
      }[];
    } | null;
  };
};

const url = (period: { from?: string; to?: string } = {}, file = 'report') =>
  `/api/v1/programs/${c.programId}/${file}?${new URLSearchParams(period)}`;
const report = async (period: { from?: string; to?: string } = {}, who: Client = c.funder) => {
  const res = await who.request('GET', url(period));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Report;
};
const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((s, r) => s + pick(r), 0);

async function redeem(code: string, nonce: string, theme: string = STANDARD_SERVICES[0]) {
  const res = await place.request('POST', '/api/v1/redemptions', {
    placeId: c.organisations['Médiathèque Louis Aragon'],
    code,
    nonce,
    theme,
    durationMinutes: 90,
    format: 'collective',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

/** Every sum a finance officer checks before sending the report on. */
function expectAddsUp(r: Report) {
  expect(sum(r.people.byAudience, (a) => a.people)).toBe(r.people.reached);
  expect(sum(r.people.byDepartement, (d) => d.people)).toBe(r.people.reached);
  expect(sum(r.people.byEpci, (e) => e.people)).toBe(r.people.reached);
  for (const rows of [r.sessions.byTheme, r.sessions.byFormat, r.sessions.byMonth]) {
    expect(sum(rows, (x: { sessions: number }) => x.sessions)).toBe(r.sessions.count);
    expect(sum(rows, (x: { minutes: number }) => x.minutes)).toBe(r.sessions.minutes);
  }
  expect(sum(r.sessions.byMonth, (m) => m.valueCents)).toBe(r.sessions.valueCents);
  // By the département of the place that gave them: every session, every place, once.
  expect(sum(r.sessions.byDepartement, (d) => d.sessions)).toBe(r.sessions.count);
  expect(sum(r.sessions.byDepartement, (d) => d.minutes)).toBe(r.sessions.minutes);
  expect(sum(r.sessions.byDepartement, (d) => d.valueCents)).toBe(r.sessions.valueCents);
  expect(sum(r.sessions.byDepartement, (d) => d.places)).toBe(r.sessions.places);
  expect(r.passes.period.used).toBe(r.sessions.count);
  expect(r.passes.period.usedValueCents).toBe(r.sessions.valueCents);
  expect(r.money.sessionsValueCents).toBe(r.sessions.valueCents);
  expect(r.sessions.topPlaces.length).toBeLessThanOrEqual(Math.min(10, r.sessions.places));
  // Every place of the period, in the CSV: the top ones first, as the page names them.
  expect(r.sessions.byPlace).toHaveLength(r.sessions.places);
  expect(r.sessions.byPlace.slice(0, r.sessions.topPlaces.length).map((p) => p.name)).toEqual(
    r.sessions.topPlaces.map((p) => p.name),
  );
  expect(sum(r.sessions.byPlace, (p) => p.sessions)).toBe(r.sessions.count);
  expect(sum(r.sessions.byPlace, (p) => p.minutes)).toBe(r.sessions.minutes);
  expect(sum(r.sessions.byPlace, (p) => p.valueCents)).toBe(r.sessions.valueCents);
  for (const key of ['issued', 'handedOut', 'used', 'usedValueCents'] as const)
    expect(r.passes.period[key]).toBeLessThanOrEqual(r.passes.toDate[key]);
}

describe('the report of a programme over a period', () => {
  it('ends at its closure by default for a programme closed before today', async () => {
    // The Region's first programme, closed on 31 December 2024: « to today » gave two years of
    // empty months after its end.
    const { rows } = await t.database.pool.query<{ id: string }>(
      `SELECT program_id AS id FROM program_amendments WHERE kind = 'creation' AND changes->>'name' = 'Pass numériques Hauts-de-France'`,
    );
    const res = await c.funder.request('GET', `/api/v1/programs/${rows[0]!.id}/report`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().to).toBe('2024-12-31');
  });

  it('leaves out the months, themes and formats of a period without a session', async () => {
    // The Region's first programme, as the seeds hold it: no session recorded on the platform.
    // Its report drew 59 bars of « 0 séance » and three tables of zeros after saying so.
    const { rows } = await t.database.pool.query<{ id: string }>(
      `SELECT program_id AS id FROM program_amendments WHERE kind = 'creation' AND changes->>'name' = 'Pass numériques Hauts-de-France'`,
    );
    const report = (await c.funder.request('GET', `/api/v1/programs/${rows[0]!.id}/report`)).json();
    expect(report.sessions.count).toBe(0);
    const pdf = await c.funder.request('GET', `/api/v1/programs/${rows[0]!.id}/report.pdf`);
    const text = pdfText(pdf.rawPayload);
    const sessions = text.slice(text.indexOf('Séances de la période'));
    expect(sessions).toContain('Aucune séance pendant la période.');
    expect(sessions).not.toMatch(/Thème\s+Séances\s+Heures/);
    expect(sessions).not.toMatch(/Format\s+Séances\s+Heures/);
    expect(sessions).not.toMatch(/Mois\s+Séances\s+Heures/);
  });

  it('covers the programme from its first day to today by default, and its figures add up', async () => {
    const r = await report();
    expect(r.from).toBe('2026-01-15');
    expect(r.to).toBe(today);
    expect(r.program).toMatchObject({
      name: 'Pass numériques Hauts-de-France — campagne 2026 (démonstration)',
      funderName: 'Région Hauts-de-France',
      startsOn: '2026-01-15',
      plannedPasses: 5000,
      faceValueCents: 1000,
      calendar: { distributionStart: '2026-01-15', distributionEnd: '2027-06-30', usageEnd: '2027-12-31' },
    });
    expectAddsUp(r);
    // The whole programme: what the dashboard counts today.
    const dashboard = (await c.funder.request('GET', `/api/v1/programs/${c.programId}/dashboard`)).json();
    expect(r.passes.period).toMatchObject({
      issued: dashboard.total.issued,
      handedOut: dashboard.total.handedOut,
      used: dashboard.total.redeemed,
    });
    expect(r.passes.toDate).toEqual(r.passes.period);
    expect(r.passes.usedOfPlannedBps).toBe(Math.round((r.passes.toDate.used * 10_000) / 5000));
    expect(r.people.reached).toBe(12);
    expect(r.people.byAudience).toEqual([
      { label: 'Demandeurs d’emploi', people: 4 },
      { label: 'Personnes de 60 ans et plus', people: 5 },
      { label: 'Jeunes de 18 à 25 ans en parcours d’insertion', people: 3 },
    ]);
    expect(r.people.byDepartement).toEqual([{ code: '80', name: 'Somme (80)', people: 12 }]);
    // Seven people of Amiens, the others of communes of other EPCI: most people first.
    expect(r.people.byEpci[0]).toEqual({
      code: expect.any(String),
      name: 'CA Amiens Métropole (Somme)',
      people: 7,
    });
    expect(r.people.byEpci.length).toBeGreaterThan(1);
    expect(JSON.stringify(r)).not.toMatch(/senior_60_plus|demandeur_emploi/);
    expect(r.sessions.places).toBe(2);
    expect(r.sessions.topPlaces.map((p) => p.name).sort()).toEqual(
      ['Centre social Arras Ouest', 'Médiathèque Louis Aragon'].sort(),
    );
    expect(r.sessions.topPlaces[0]!.sessions).toBeGreaterThanOrEqual(r.sessions.topPlaces[1]!.sessions);
    // The State asks for the sessions by département: the centre social is in Arras, the
    // médiathèque in Amiens, each département with its place's sessions.
    const byPlace = new Map(r.sessions.topPlaces.map((p) => [p.name, p.sessions]));
    expect(r.sessions.byDepartement.map((d) => [d.code, d.name, d.places, d.sessions]).sort()).toEqual([
      ['62', 'Pas-de-Calais (62)', 1, byPlace.get('Centre social Arras Ouest')],
      ['80', 'Somme (80)', 1, byPlace.get('Médiathèque Louis Aragon')],
    ]);
    expect(r.prescribers.handingOut).toBe(1);
    expect(r.money.fundings).toEqual([
      { payer: 'État (ANCT)', receivedCents: 150_000, reversedCents: 0 },
      { payer: 'Région Hauts-de-France', receivedCents: 300_000, reversedCents: 0 },
    ]);
    // The demo paid the places' first statements: what was paid and what is still owed make up
    // the value of every pass used.
    expect(r.money.paidToPlacesCents).toBeGreaterThan(0);
    expect(r.money.owedToPlacesCents + r.money.paidToPlacesCents).toBe(r.passes.toDate.usedValueCents);
  });

  it('counts in a quarter what happened in it, and the months around it split the whole', async () => {
    const whole = await report();
    const q2 = await report(Q2);
    expectAddsUp(q2);
    expect(q2.sessions.byMonth.map((m) => m.month)).toEqual(['2026-04', '2026-05', '2026-06']);
    const inQ2 = whole.sessions.byMonth.filter((m) => m.month >= '2026-04' && m.month <= '2026-06');
    expect(q2.sessions.byMonth).toEqual(inQ2);
    expect(q2.sessions.count).toBeGreaterThan(0);
    expect(q2.sessions.count).toBeLessThan(whole.sessions.count);
    // Hand-outs on 16 April, 10 May, 3 and 27 June: four people, only the ANCT's money.
    expect(q2.people.reached).toBe(4);
    expect(q2.passes.period.handedOut).toBe(40);
    expect(q2.passes.period.issued).toBe(0);
    expect(q2.passes.toDate.issued).toBe(500);
    expect(q2.money.fundings).toEqual([{ payer: 'État (ANCT)', receivedCents: 150_000, reversedCents: 0 }]);
    // Before, in and after the quarter: the whole programme, each session once.
    const before = await report({ to: '2026-03-31' });
    const after = await report({ from: '2026-07-01' });
    expect(before.sessions.count + q2.sessions.count + after.sessions.count).toBe(whole.sessions.count);
    expect(before.people.reached + q2.people.reached + after.people.reached).toBe(whole.people.reached);
    expect(q2.passes.toDate.used).toBe(before.sessions.count + q2.sessions.count);
  });

  it('counts a session on the day it was given: not outside the period, not once cancelled, a late one on its real day', async () => {
    const { codes } = await handedOutBooklets(t, c, 1);
    const todayOnly = { from: today, to: today };
    const yesterday = { from: '2026-01-15', to: addDays(today, -1) };
    const [beforeToday, beforeEarlier, beforeMarch] = [
      await report(todayOnly),
      await report(yesterday),
      await report({ from: '2026-03-01', to: '2026-03-31' }),
    ];
    // A hand-out today: one more person, ten more passes handed out, in today's period only.
    expect(beforeToday.people.reached).toBeGreaterThanOrEqual(1);

    const kept = await redeem(codes[0]!, 'report-kept', STANDARD_SERVICES[5]);
    const cancelled = await redeem(codes[1]!, 'report-cancelled');
    const late = await redeem(codes[2]!, 'report-late');
    const cancel = await place.request('POST', `/api/v1/redemptions/${cancelled}/cancel`);
    expect(cancel.statusCode, cancel.body).toBe(200);
    // A session given on 10 March and recorded today, as the tolerance after the usage end
    // allows: written here as the redemption service writes it (late_sessions).
    await t.database.pool.query(
      'INSERT INTO late_sessions (redemption_id, session_on, recorded_on) VALUES ($1, $2, $3)',
      [late, '2026-03-10', today],
    );
    expect(kept).toBeGreaterThan(0);

    const afterToday = await report(todayOnly);
    expectAddsUp(afterToday);
    expect(afterToday.sessions.count).toBe(beforeToday.sessions.count + 1);
    expect(afterToday.sessions.minutes).toBe(beforeToday.sessions.minutes + 90);
    expect(afterToday.sessions.byFormat.find((f) => f.format === 'collective')!.sessions).toBe(
      beforeToday.sessions.byFormat.find((f) => f.format === 'collective')!.sessions + 1,
    );
    // Named as the desk and the statements name them, so that the figures can be matched.
    expect(afterToday.sessions.byFormat.map((f) => f.label)).toEqual(['Individuelle', 'Collective']);
    expect(afterToday.sessions.byTheme.find((x) => x.theme === STANDARD_SERVICES[5])!.sessions).toBe(
      beforeToday.sessions.byTheme.find((x) => x.theme === STANDARD_SERVICES[5])!.sessions + 1,
    );
    expect(afterToday.passes.period.usedValueCents).toBe(beforeToday.passes.period.usedValueCents + 1000);
    // A period that ends yesterday sees only the late session (given on 10 March): neither
    // today's session nor the cancelled one.
    const afterEarlier = await report(yesterday);
    expect(afterEarlier.sessions.count).toBe(beforeEarlier.sessions.count + 1);
    expect(afterEarlier.sessions.byTheme.find((x) => x.theme === STANDARD_SERVICES[5])).toEqual(
      beforeEarlier.sessions.byTheme.find((x) => x.theme === STANDARD_SERVICES[5]),
    );
    expect(afterEarlier.people).toEqual(beforeEarlier.people);
    expect(afterEarlier.passes.period.handedOut).toBe(beforeEarlier.passes.period.handedOut);
    // The late session counts in March, and in the cumulated figures of every period after it.
    const afterMarch = await report({ from: '2026-03-01', to: '2026-03-31' });
    expect(afterMarch.sessions.count).toBe(beforeMarch.sessions.count + 1);
    expect(afterMarch.passes.toDate.used).toBe(beforeMarch.passes.toDate.used + 1);
    expect(afterToday.passes.toDate.used).toBe(beforeToday.passes.toDate.used + 2);
  });

  it('explains the value of the passes used by the money: paid, owed, and what became known after the period', async () => {
    const yesterday = { from: '2026-01-15', to: addDays(today, -1) };
    const reconciles = (r: Awaited<ReturnType<typeof report>>) =>
      expect(r.passes.toDate.usedValueCents).toBe(
        r.money.paidToPlacesToDateCents +
          r.money.writtenOffToDateCents +
          r.money.owedToPlacesCents +
          r.money.recordedAfter.valueCents -
          r.money.cancelledAfter.valueCents,
      );
    const before = await report(yesterday);
    reconciles(before);

    // A session given on 12 March, recorded today: yesterday's report counts it (on its day),
    // yesterday's ledger could not; the report says so instead of failing to add up.
    const { codes } = await handedOutBooklets(t, c, 1);
    const late = await redeem(codes[0]!, 'report-reconcile-late');
    await t.database.pool.query(
      'INSERT INTO late_sessions (redemption_id, session_on, recorded_on) VALUES ($1, $2, $3)',
      [late, '2026-03-12', today],
    );
    const after = await report(yesterday);
    reconciles(after);
    expect(after.passes.toDate.usedValueCents).toBe(before.passes.toDate.usedValueCents + 1000);
    expect(after.money.recordedAfter).toEqual({
      sessions: before.money.recordedAfter.sessions + 1,
      valueCents: before.money.recordedAfter.valueCents + 1000,
    });
    expect(after.money.owedToPlacesCents).toBe(before.money.owedToPlacesCents);
    // Today's report holds it in what is owed: nothing recorded after today.
    const todays = await report({ from: '2026-01-15', to: today });
    reconciles(todays);
    expect(todays.money.recordedAfter).toEqual({ sessions: 0, valueCents: 0 });

    const csv = await c.funder.request('GET', url(yesterday, 'report.csv'));
    const end = yesterday.to.split('-').reverse().join('/');
    expect(csv.body).toContain(
      `Des pass utilisés aux paiements;Séances jusqu’au ${end} enregistrées après cette date (${after.money.recordedAfter.sessions});${(after.money.recordedAfter.valueCents / 100).toFixed(2).replace('.', ',')};€`,
    );
  });

  it('says on what a co-funder’s due is counted: the value recorded by the end, a late session apart', async () => {
    // A session given in the period and recorded after its end: the passes used count it on its
    // day, the convention (as the call for funds of that day) on the day it was recorded. Both
    // figures stand, and the report says which base the due is computed on, and what it leaves out.
    const period = { from: '2026-01-15', to: addDays(today, -1) };
    const { codes } = await handedOutBooklets(t, c, 1);
    const late = await redeem(codes[0]!, 'report-convention-late');
    await t.database.pool.query(
      'INSERT INTO late_sessions (redemption_id, session_on, recorded_on) VALUES ($1, $2, $3)',
      [late, '2026-03-20', today],
    );
    const r = await report(period);
    const shares = (
      await c.funder.request('GET', `/api/v1/programs/${c.programId}/cofunder-shares?asOf=${period.to}`)
    ).json();
    const budget = r.money.budget!;
    expect(budget.usedValueCents).toBe(shares.usedCents);
    expect(budget.usedValueCents).toBe(
      r.passes.toDate.usedValueCents - r.money.recordedAfter.valueCents + r.money.cancelledAfter.valueCents,
    );
    expect(r.money.recordedAfter.valueCents).toBeGreaterThanOrEqual(1000);
    const state = budget.payers.find((p) => p.name === 'État (ANCT)')!;
    expect(state.usedShareBps).toBe(5000);
    expect(state.owedByRuleCents).toBe(Math.round(budget.usedValueCents / 2));
    expect(budget.payers[0]!.usedShareBps).toBeNull();

    // The same words and figures in the PDF and the CSV.
    const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
    const end = period.to.split('-').reverse().join('/');
    const csv = (await c.funder.request('GET', url(period, 'report.csv'))).body;
    expect(csv).toContain(
      `Base du dû selon la convention;Valeur des pass utilisés enregistrés au ${end};${euros(budget.usedValueCents)};€`,
    );
    expect(csv).toContain(
      `Base du dû selon la convention;Non comptées dans cette base : séances jusqu’au ${end} enregistrées après cette date (${r.money.recordedAfter.sessions});${euros(r.money.recordedAfter.valueCents)};€`,
    );
    expect(csv).toContain(
      `Base du dû selon la convention;État (ANCT) : 50 % de cette base;${euros(state.owedByRuleCents!)};€`,
    );
    const text = pdfText((await c.funder.request('GET', url(period, 'report.pdf'))).rawPayload);
    expect(text).toContain('Base du dû selon la convention');
    expect(text).toContain('Non comptées dans cette base : séances jusqu’au');
    expect(text).toContain('État (ANCT) : 50 % de cette base');
  });

  it('sets the budget beside the money: each payer’s share, what it paid, and a co-funder’s due by its convention', async () => {
    const r = await report({ from: '2026-01-15', to: today });
    const payers = (
      await c.funder.request('GET', `/api/v1/programs/${c.programId}/payers?asOf=${today}`)
    ).json();
    expect(
      r.money.budget?.payers.map(({ name, shareCents, receivedCents }) => ({
        name,
        shareCents,
        receivedCents,
      })),
    ).toEqual(payers);
    expect(r.money.budget?.totalCents).toBe(
      payers.reduce((t: number, p: { shareCents: number }) => t + p.shareCents, 0),
    );
    // The State's due is its call for funds' as of the same day; the Region has no rule.
    const shares = (
      await c.funder.request('GET', `/api/v1/programs/${c.programId}/cofunder-shares?asOf=${today}`)
    ).json().shares;
    expect(r.money.budget?.payers.map((p) => p.owedByRuleCents)).toEqual([
      null,
      ...shares.map((s: { owedCents: number }) => s.owedCents),
    ]);
    expect(r.money.budget?.payers[1]?.owedByRuleCents).toBeGreaterThan(0);
    const csv = (await c.funder.request('GET', url({ from: '2026-01-15', to: today }, 'report.csv'))).body;
    const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
    expect(csv).toContain(`Part du budget;État (ANCT);${euros(payers[1].shareCents)};€`);
  });

  it('moves nothing when a person’s names are erased: only the commune, the audience and the row are read', async () => {
    const { serials } = await handedOutBooklets(t, c, 1);
    const before = await report();
    const base = `/api/v1/funders/${c.funderId}/beneficiaries`;
    const found = (await c.funder.request('GET', `${base}?q=${serials[0]}`)).json();
    const erased = await c.funder.request('POST', `${base}/${found.people[0].id}/erasure`, {
      erasureReason: 'person_request',
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(await report()).toEqual(before);
  });

  it('names the field of a period that cannot be, in French', async () => {
    const reversed = await c.funder.request('GET', url({ from: '2026-06-30', to: '2026-04-01' }));
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().errors).toEqual([
      {
        field: 'querystring.from',
        message: expect.stringContaining('Le début de la période (30 juin 2026) est après sa fin'),
      },
    ]);
    const beforeStart = await c.funder.request('GET', url({ to: '2025-12-31' }));
    expect(beforeStart.statusCode).toBe(422);
    expect(beforeStart.json().errors).toEqual([
      {
        field: 'querystring.to',
        message: expect.stringContaining('précède le début du dispositif (15 janvier 2026)'),
      },
    ]);
    // Well written but no day of the calendar: said as such, not as a format.
    const notADate = await c.funder.request('GET', url({ from: '2026-02-30' }));
    expect(notADate.statusCode).toBe(422);
    expect(notADate.json().errors).toEqual([
      { field: 'querystring.from', message: 'Cette date n’existe pas dans le calendrier.' },
    ]);
    const badlyWritten = await c.funder.request('GET', url({ from: '30/02/2026' }));
    expect(badlyWritten.json().errors).toEqual([
      { field: 'querystring.from', message: expect.stringContaining('AAAA-MM-JJ') },
    ]);
    // A year mistyped (9999 for 2026) is refused rather than counted month by month.
    const mistyped = await c.funder.request('GET', url({ from: '2026-01-01', to: '9999-12-31' }));
    expect(mistyped.statusCode).toBe(422);
    expect(mistyped.json().errors).toEqual([
      {
        field: 'querystring.to',
        message: expect.stringContaining('La fin de la période (31 décembre 9999) n'),
      },
    ]);
    // A day to come has no figures yet: a quarter asked before its end would print today's
    // figures as the quarter's closing ones.
    const tomorrow = addDays(today, 1);
    const ahead = await c.funder.request('GET', url({ from: '2026-01-15', to: tomorrow }));
    expect(ahead.statusCode).toBe(422);
    expect(ahead.json().errors).toEqual([
      {
        field: 'querystring.to',
        message: expect.stringContaining('est après aujourd’hui'),
      },
    ]);
    expect(
      (await c.funder.request('GET', url({ from: tomorrow, to: tomorrow }, 'report.pdf'))).statusCode,
    ).toBe(422);
    // A period before the programme: nothing to count, and it says so rather than fail.
    const empty = await report({ from: '2025-01-01', to: '2025-12-31' });
    expect(empty.program.calendar).toBeNull();
    expect(empty.sessions.count).toBe(0);
    expect(empty.sessions.byMonth).toHaveLength(12);
  });

  it('says a programme had not started at the end of a period before its first day, rather than a plan of zeros', async () => {
    const before = { from: '2025-01-01', to: '2025-12-31' };
    const r = await report(before);
    expect(r.program.calendar).toBeNull();
    expect(r.program.plannedPasses).toBeNull();
    expect(r.program.faceValueCents).toBeNull();
    expect(r.passes.usedOfPlannedBps).toBeNull();
    const sentence =
      'Le dispositif n’avait pas commencé au 31 décembre 2025 : il commence le 15 janvier 2026.';
    const text = pdfText((await c.funder.request('GET', url(before, 'report.pdf'))).rawPayload);
    expect(text).toContain(sentence);
    expect(text).not.toContain('Pass prévus');
    expect(text).not.toContain('Valeur faciale');
    const csv = (await c.funder.request('GET', url(before, 'report.csv'))).body;
    expect(csv).toContain(
      'Dispositif;Calendrier et prévisions;Le dispositif n’avait pas commencé au 31/12/2025 : il commence le 15/01/2026.;',
    );
    expect(csv).not.toMatch(/Pass prévus|Valeur faciale/);
  });

  it('is the funder’s staff’s only: a viewer reads it, a prescriber is refused, another funder finds nothing', async () => {
    const viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect((await report(Q2, viewer)).people.reached).toBe(4);
    const prescriber = await signIn(t.app, 'prescripteur@hautsdefrance.test');
    expect((await prescriber.request('GET', url(Q2))).statusCode).toBe(403);
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await other.request('GET', url(Q2))).statusCode).toBe(404);
    expect((await other.request('GET', url(Q2, 'report.pdf'))).statusCode).toBe(404);
  });
});

describe('the report as files', () => {
  it('is a French PDF with the programme’s name, the period and its figures, its download in the audit trail', async () => {
    const pdf = await c.funder.request('GET', url(Q2, 'report.pdf'));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(
      /^attachment; filename="bilan-pass-numeriques-hauts-de-france-campagne-2026-demonstration-2026-04-01-2026-06-30\.pdf"$/,
    );
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Pass numériques Hauts-de-France — campagne 2026 (démonstration)');
    expect(text).toContain('Période du 1er avril 2026 au 30 juin 2026');
    expect(text).toContain('Personnes de 60 ans et plus');
    expect(text).toContain('Somme (80)');
    expect(text).toContain('1 500,00 €'); // the ANCT's funding, with a no-break space
    expect(text).toContain('Aide aux démarches administratives');
    expect(text).toContain('Séances par département du lieu');
    expect(text).toContain('Pas-de-Calais (62)');
    expect(text).not.toMatch(/senior_60_plus|2026-04-01/);
    // Its dates in words throughout, the reconciliation of the money too (not 30/06/2026).
    expect(text).toContain('Reste dû aux lieux au 30 juin 2026');
    expect(text).not.toContain('30/06/2026');
    // The budget beside the money, the State's due by its convention.
    expect(text).toMatch(/Budget au 30 juin 2026 : [\d\s\u202F]+,00\s€/);
    expect(text).toContain('Dû selon la convention');

    const journal = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/audit`)).json();
    const entry = journal.entries.find((e: { action: string }) => e.action === 'program.report_download');
    expect(entry).toMatchObject({ actionLabel: 'Bilan du dispositif téléchargé' });
    expect(entry.details).toEqual(
      expect.arrayContaining(['Début de la période : 01/04/2026', 'Fin de la période : 30/06/2026']),
    );
  });

  it('numbers its pages « Page n / N » at their foot, and adds up the money to its total last', async () => {
    const pdf = (await c.funder.request('GET', url(Q2, 'report.pdf'))).rawPayload;
    const words = pdfWords(pdf);
    const pages = Math.max(...words.map((w) => w.page));
    expect(pages).toBeGreaterThan(1);
    for (let n = 1; n <= pages; n++) {
      const onPage = words.filter((w) => w.page === n);
      // The last words of the page, below everything else on it.
      expect(
        onPage
          .slice(-4)
          .map((w) => w.text)
          .join(' '),
        `page ${n}`,
      ).toBe(`Page ${n} / ${pages}`);
      const lowest = Math.max(...onPage.slice(0, -4).map((w) => w.yMax));
      expect(onPage.at(-1)!.yMin, `page ${n}`).toBeGreaterThan(lowest);
    }
    // From the passes used to the payments: its parts, then their total, as the page has it.
    const text = pdfText(pdf);
    const reconciliation = text.slice(text.indexOf('Des pass utilisés aux paiements, au 30 juin 2026'));
    const paid = reconciliation.indexOf('Payé aux lieux depuis le début, au 30 juin 2026');
    const cancelled = reconciliation.indexOf('Moins les séances enregistrées au 30 juin 2026');
    const total = reconciliation.indexOf('Valeur des pass utilisés jusqu’au 30 juin 2026');
    expect(paid).toBeGreaterThan(0);
    expect(cancelled).toBeGreaterThan(paid);
    expect(total).toBeGreaterThan(cancelled);
  });

  it('says in words a period without a hand-out or a session, never « 0 personne a reçu un carnet »', async () => {
    // The campaign's first fortnight: booklets issued, none handed out, no pass used.
    const fortnight = { from: '2026-01-15', to: '2026-01-31' };
    expect((await report(fortnight)).people.reached).toBe(0);
    const text = pdfText((await c.funder.request('GET', url(fortnight, 'report.pdf'))).rawPayload);
    expect(text).toContain('Aucune personne n’a reçu de carnet pendant la période.');
    expect(text).toContain('Aucune séance pendant la période.');
    expect(text).toContain('Aucun prescripteur n’a remis de carnet pendant la période.');
    expect(text).not.toMatch(/(^|\s)0 (personne|séance|lieu|prescripteur)/);
  });

  it('is a CSV for French spreadsheets: a byte-order mark, semicolons, figures that match the page', async () => {
    const csv = await c.funder.request('GET', url(Q2, 'report.csv'));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith('\uFEFFRubrique;Élément;Valeur;Unité\r\n')).toBe(true);
    expect(csv.body).toContain(
      'Personnes touchées;Personnes ayant reçu un carnet sur la période;4;personnes',
    );
    expect(csv.body).toContain('Versements reçus sur la période;État (ANCT);1500,00;€');
    const r = await report(Q2);
    expectAddsUp(r);
    const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
    const decimalHours = (minutes: number) =>
      String(Math.round((minutes / 60) * 100) / 100).replace('.', ',');
    // By département of the place, the page's columns (places, sessions, hours, value) and its total.
    const byDepartement = (d: {
      name: string;
      places: number;
      sessions: number;
      minutes: number;
      valueCents: number;
    }) => [
      `Lieux par département du lieu;${d.name};${d.places};lieux`,
      `Séances par département du lieu;${d.name};${d.sessions};séances`,
      `Heures par département du lieu;${d.name};${decimalHours(d.minutes)};heures (décimales)`,
      `Valeur des séances par département du lieu;${d.name};${euros(d.valueCents)};€`,
    ];
    const total = {
      name: 'Total',
      places: r.sessions.places,
      sessions: r.sessions.count,
      minutes: r.sessions.minutes,
      valueCents: r.sessions.valueCents,
    };
    for (const d of [...r.sessions.byDepartement, total])
      for (const line of byDepartement(d)) expect(csv.body).toContain(line);
    expect(r.sessions.byDepartement.length).toBeGreaterThan(0);
    // Every place of the period, not the ten first: its sessions, hours and value, and their total.
    const placeLines = csv.body.split('\r\n').filter((l) => l.startsWith('Séances par lieu;'));
    expect(placeLines).toHaveLength(r.sessions.places + 1);
    for (const x of r.sessions.byPlace) {
      const name = x.commune ? `${x.name} (${x.commune})` : x.name;
      expect(csv.body).toContain(`Séances par lieu;${name};${x.sessions};séances`);
      expect(csv.body).toContain(`Heures par lieu;${name};${decimalHours(x.minutes)};heures (décimales)`);
      expect(csv.body).toContain(`Valeur des séances par lieu;${name};${euros(x.valueCents)};€`);
    }
    expect(csv.body).toContain(`Séances par lieu;Total;${r.sessions.count};séances`);
    expect(csv.body).toContain(`Valeur des séances par lieu;Total;${euros(r.sessions.valueCents)};€`);
    // The totals the page gives under its other tables.
    expect(csv.body).toContain(`Séances par mois;Total;${r.sessions.count};séances`);
    expect(csv.body).toContain(
      `Heures par thème;Total;${decimalHours(r.sessions.minutes)};heures (décimales)`,
    );
    expect(csv.body).toContain(`Séances par format;Total;${r.sessions.count};séances`);
    expect(csv.body).toContain(`Personnes par public;Total;${r.people.reached};personnes`);
    // The page's hours and value by month and theme are in the file too, their hours decimal.
    for (const m of r.sessions.byMonth) {
      const month = frenchMonth(m.month);
      const hours = String(Math.round((m.minutes / 60) * 100) / 100).replace('.', ',');
      expect(csv.body).toContain(`Heures par mois;${month};${hours};heures (décimales)`);
      expect(csv.body).toContain(
        `Valeur des séances par mois;${month};${(m.valueCents / 100).toFixed(2).replace('.', ',')};€`,
      );
    }
    for (const theme of r.sessions.byTheme) expect(csv.body).toContain(`Heures par thème;${theme.theme};`);
    expect(r.sessions.byMonth.some((m) => m.minutes > 0)).toBe(true);
  });
});

describe('the map of the report', () => {
  it('places every place that took passes in the period, with its sessions and coordinates', async () => {
    const r = await report(Q2);
    const res = await c.funder.request('GET', url(Q2, 'report/places'));
    expect(res.statusCode, res.body).toBe(200);
    const map = res.json() as {
      from: string;
      to: string;
      places: {
        placeId: string;
        name: string;
        sessions: number;
        latitude: number | null;
        longitude: number | null;
      }[];
    };
    expect(map).toMatchObject(Q2);
    // Every place of the period, not only the ten the report names; their sessions add up.
    expect(map.places).toHaveLength(r.sessions.places);
    expect(map.places.reduce((t, p) => t + p.sessions, 0)).toBe(r.sessions.count);
    expect(map.places.map((p) => p.sessions)).toEqual(
      map.places.map((p) => p.sessions).sort((a, b) => b - a),
    );
    // The demo's places are in the Somme and the Pas-de-Calais.
    for (const p of map.places) {
      expect(p.latitude, p.name).toBeGreaterThan(49);
      expect(p.latitude, p.name).toBeLessThan(51.5);
      expect(p.longitude, p.name).toBeGreaterThan(1);
      expect(p.longitude, p.name).toBeLessThan(4.5);
    }
    // A period without a session has no place; another funder finds nothing; a viewer reads it.
    const empty = await c.funder.request(
      'GET',
      url({ from: '2026-01-15', to: '2026-01-31' }, 'report/places'),
    );
    expect(empty.json().places).toEqual([]);
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await other.request('GET', url(Q2, 'report/places'))).statusCode).toBe(404);
    const viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect((await viewer.request('GET', url(Q2, 'report/places'))).statusCode).toBe(200);
  });
});

describe('the quick choices of a period', () => {
  it('are the last full quarter and the last full calendar year', () => {
    expect(lastFullQuarter('2026-12-03')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(lastFullQuarter('2026-01-01')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(lastFullQuarter('2026-04-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(lastFullQuarter('2024-05-20')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(lastFullYear('2026-12-03')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });
});

describe('a remainder written off, in the report', () => {
  it('has its own line « Passé en perte », so that the page, the PDF and the CSV add up to the value used', async () => {
    // A statement of the médiathèque paid in part by the bank, its remainder written off by the
    // funder: value used that will never be paid, nor owed any more.
    const mediatheque = c.organisations['Médiathèque Louis Aragon']!;
    const second = await newAccount(t, {
      funderId: c.funderId,
      email: 'bilan-perte@hautsdefrance.test',
      role: 'funder_admin',
    });
    await statedRedemptions(t, c, place, mediatheque, 2);
    const { run } = await sentRun(c, second);
    const transfer = run.transfers.find((x: { placeId: string }) => x.placeId === mediatheque);
    await acceptPartialLines(c, await importedBankFile(t, c, camt053(today, [[transfer.endToEndId, 100]])));
    const written = await c.funder.request(
      'POST',
      `/api/v1/funders/${c.funderId}/payment-transfers/${transfer.id}/write-off`,
      { reason: 'Le lieu a accepté une retenue.' },
    );
    expect(written.statusCode, written.body).toBe(200);
    const writtenOff = transfer.amountCents - 100;

    const toDay = { from: '2026-01-15', to: today };
    const r = await report(toDay);
    expect(r.money.writtenOffToDateCents).toBeGreaterThanOrEqual(writtenOff);
    expect(r.passes.toDate.usedValueCents).toBe(
      r.money.paidToPlacesToDateCents +
        r.money.writtenOffToDateCents +
        r.money.owedToPlacesCents +
        r.money.recordedAfter.valueCents -
        r.money.cancelledAfter.valueCents,
    );

    // The CSV's lines of the section: the total first, its parts after it (« Moins … » taken off).
    const end = today.split('-').reverse().join('/');
    const csv = (await c.funder.request('GET', url(toDay, 'report.csv'))).body;
    const lines = csv
      .split('\r\n')
      .filter((l) => l.startsWith('Des pass utilisés aux paiements;'))
      .map((l) => l.split(';'));
    const cents = (value: string) => Math.round(Number(value.replace(',', '.')) * 100);
    const [total, ...parts] = lines;
    expect(total![1]).toBe(`Valeur des pass utilisés jusqu’au ${end}`);
    expect(
      parts.reduce((s, [, label, value]) => s + (label!.startsWith('Moins') ? -1 : 1) * cents(value!), 0),
    ).toBe(cents(total![2]!));
    expect(parts.map(([, label]) => label)).toContain(`Passé en perte depuis le début, au ${end}`);

    // The PDF names it between what was paid and what is still owed, as the page does.
    const text = pdfText((await c.funder.request('GET', url(toDay, 'report.pdf'))).rawPayload);
    const section = text.slice(text.indexOf('Des pass utilisés aux paiements'));
    const paid = section.indexOf('Payé aux lieux depuis le début');
    const lost = section.indexOf('Passé en perte depuis le début');
    const owed = section.indexOf('Reste dû aux lieux au');
    expect(paid).toBeGreaterThan(0);
    expect(lost).toBeGreaterThan(paid);
    expect(owed).toBeGreaterThan(lost);
  });
});
