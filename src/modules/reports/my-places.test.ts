import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { previousMonth } from '../../core/statement.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import { redeemAt } from '../../test/payments.js';

/**
 * Someone who works for several places read them one at a time, changing place between each:
 * « Mes lieux » (GET /places) puts them side by side, each with the figures the person's role
 * there reads elsewhere, by the same reads, and the totals.
 */
let t: TestApp;
let c: Circulation;
let mediatheque: string;
let centreSocial: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  centreSocial = (
    await t.database.pool.query(
      `SELECT id FROM organisations WHERE kind = 'place' AND name LIKE 'Centre social%'`,
    )
  ).rows[0].id;
});
afterAll(() => t?.close());

type Overview = {
  asOf: string;
  statementsMonth: string;
  sessionsFrom: string;
  places: {
    placeId: string;
    name: string;
    commune: string | null;
    role: string;
    owedCents: number | null;
    owedBy: { funderId: string; funderName: string; owedCents: number }[] | null;
    statements: { id: string; number: string; status: string; totalCents: number }[] | null;
    sessions: number;
    bankAccount: boolean;
  }[];
  totals: {
    places: number;
    owedCents: number;
    statements: number;
    statementsCents: number;
    sessions: number;
    withoutBankAccount: number;
  };
};

async function overviewOf(who: Client): Promise<Overview> {
  const res = await who.request('GET', '/api/v1/places');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The place's figures as its own pages read them, for the person signed in. */
async function ownPages(who: Client, placeId: string, o: Overview) {
  const get = async (path: string) => {
    const res = await who.request('GET', `/api/v1/places/${placeId}${path}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const payables = (await get('/payables')).rows as { owedCents: number }[];
  const statements = ((await get('/statements')).statements as { id: string; month: string }[])
    .filter((s) => s.month === o.statementsMonth)
    .map((s) => s.id);
  const activity = await get(`/activity?from=${o.sessionsFrom}&to=${o.asOf}`);
  const qualification = await get('/applications');
  return {
    owedCents: payables.reduce((n, r) => n + r.owedCents, 0),
    statements,
    sessions: (activity.byTheme as { sessions: number }[]).reduce((n, g) => n + g.sessions, 0),
    bankAccount: qualification.bankAccount !== null,
  };
}

describe('« Mes lieux »', () => {
  it('lists both places of a person with their role at each, and each figure as the place’s own pages give it', async () => {
    // A session this month at each place, so that each has sessions and money of its own.
    const { codes } = await handedOutBooklets(t, c, 1);
    await redeemAt(t, mediatheque, codes[0]!);
    await redeemAt(t, centreSocial, codes[1]!);

    const karim = await signIn(t.app, 'mediateur@hautsdefrance.test');
    const o = await overviewOf(karim);
    expect(o.asOf).toBe(businessDate());
    expect(o.statementsMonth).toBe(previousMonth(businessDate()));
    expect(o.sessionsFrom).toBe(`${businessDate().slice(0, 7)}-01`);
    expect(o.places.map((p) => [p.placeId, p.role])).toEqual([
      [centreSocial, 'place_admin'],
      [mediatheque, 'place_agent'],
    ]);
    for (const p of o.places) {
      const own = await ownPages(karim, p.placeId, o);
      expect(p.owedCents, p.name).toBe(own.owedCents);
      expect(p.owedBy!.reduce((n, f) => n + f.owedCents, 0)).toBe(own.owedCents);
      expect(p.statements!.map((s) => s.id).sort()).toEqual(own.statements.sort());
      expect(p.sessions, p.name).toBe(own.sessions);
      expect(p.sessions).toBeGreaterThan(0);
      expect(p.bankAccount).toBe(own.bankAccount);
    }
    const media = o.places.find((p) => p.placeId === mediatheque)!;
    expect(media.name).toBe('Médiathèque Louis Aragon');
    expect(media.commune).not.toBeNull();
    expect(media.owedBy!.map((f) => f.funderName)).toContain('Région Hauts-de-France');
    // The totals are the rows added up.
    const sum = (f: (p: Overview['places'][number]) => number) => o.places.reduce((n, p) => n + f(p), 0);
    expect(o.totals).toEqual({
      places: 2,
      owedCents: sum((p) => p.owedCents ?? 0),
      statements: sum((p) => p.statements?.length ?? 0),
      statementsCents: sum((p) => (p.statements ?? []).reduce((n, s) => n + s.totalCents, 0)),
      sessions: sum((p) => p.sessions),
      withoutBankAccount: sum((p) => (p.bankAccount ? 0 : 1)),
    });
  });

  it('never lists another person’s places, nor counts their money or sessions', async () => {
    const thomas = await signIn(t.app, 'lieu@hautsdefrance.test');
    const o = await overviewOf(thomas);
    expect(o.places.map((p) => p.placeId)).toEqual([mediatheque]);
    expect(o.totals.places).toBe(1);
    expect(o.totals.owedCents).toBe(o.places[0]!.owedCents);
    // The Médiathèque's session was counted there, the Centre social's is not.
    expect(o.totals.sessions).toBe(o.places[0]!.sessions);
    // People of no place: the funder's staff, a prescriber, have none, whatever their funder pays.
    for (const email of ['financeur@hautsdefrance.test', 'prescripteur@hautsdefrance.test']) {
      const none = await overviewOf(await signIn(t.app, email));
      expect(none.places, email).toEqual([]);
      expect(none.totals.owedCents).toBe(0);
      expect(none.totals.sessions).toBe(0);
    }
  });

  it('shows a place’s money to an agent only as its « Relevés » page does: the same figures, never another place’s', async () => {
    // Lucie is an agent of the Médiathèque alone: its statements and payables are hers to read
    // (place-payables.test.ts), the Centre social's never.
    const lucie = await signIn(t.app, 'benevole@hautsdefrance.test');
    const o = await overviewOf(lucie);
    expect(o.places.map((p) => [p.placeId, p.role])).toEqual([[mediatheque, 'place_agent']]);
    const own = await ownPages(lucie, mediatheque, o);
    expect(o.places[0]!.owedCents).toBe(own.owedCents);
    expect((await lucie.request('GET', `/api/v1/places/${centreSocial}/payables`)).statusCode).toBe(404);
  });
});
