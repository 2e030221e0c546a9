import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import { redeemAt } from '../../test/payments.js';

/**
 * A place's people saw their statements one by one, with no total and nothing of the sessions
 * not yet on one, while the funder's « Sommes dues aux lieux » said what the place was owed.
 * The place now reads the same figures for itself, from every funder it works for.
 */
let t: TestApp;
let c: Circulation;
let mediatheque: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
});
afterAll(() => t?.close());

type Row = {
  placeId: string;
  programId: string;
  owedCents: number;
  inStatementCents: number;
  paidCents: number;
};
const url = (placeId: string) => `/api/v1/places/${placeId}/payables`;

describe('what a place is owed', () => {
  it('is the funder’s figure for it, per programme, and grows with a session not yet stated', async () => {
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    const mine = async () => {
      const res = await place.request('GET', url(mediatheque));
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        asOf: string;
        rows: (Row & { funderName: string; programName: string; notStatedCents: number })[];
      };
    };
    const funders = async () =>
      ((await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables`)).json().rows as Row[]).filter(
        (r) => r.placeId === mediatheque,
      );

    const before = await mine();
    expect(before.rows.length).toBeGreaterThan(0);
    const strip = ({ placeId, programId, owedCents, inStatementCents, paidCents }: Row) => ({
      placeId,
      programId,
      owedCents,
      inStatementCents,
      paidCents,
    });
    expect(before.rows.map(strip)).toEqual((await funders()).map(strip));
    const campaign = before.rows.find((r) => r.programId === c.programId)!;
    expect(campaign.funderName).toBe('Région Hauts-de-France');
    expect(campaign.programName).toMatch(/campagne 2026/);

    // A session today: owed 10 € more, not on any statement yet.
    const { codes } = await handedOutBooklets(t, c, 1);
    await redeemAt(t, mediatheque, codes[0]!);
    const after = (await mine()).rows.find((r) => r.programId === c.programId)!;
    expect(after.owedCents - campaign.owedCents).toBe(1_000);
    expect(after.inStatementCents).toBe(campaign.inStatementCents);
    expect(after.notStatedCents - campaign.notStatedCents).toBe(1_000);
    // What is not on a statement is what the next run states for this place and programme.
    const unstated = await t.database.pool.query(
      `SELECT coalesce(sum(face_value_cents), 0)::int AS cents FROM redemptions r
        WHERE place_id = $1 AND program_id = $2 AND cancelled_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.redemption_id = r.id)`,
      [mediatheque, c.programId],
    );
    expect(after.notStatedCents).toBe(unstated.rows[0].cents);
    expect((await mine()).rows.map(strip)).toEqual((await funders()).map(strip));
  });

  it('is read as of a past day, as the funder’s is: today’s session is not in yesterday’s figures', async () => {
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    const yesterday = addDays(businessDate(), -1);
    const before = await place.request('GET', `${url(mediatheque)}?asOf=${yesterday}`);
    expect(before.statusCode, before.body).toBe(200);
    const { codes } = await handedOutBooklets(t, c, 1);
    await redeemAt(t, mediatheque, codes[0]!);
    const res = await place.request('GET', `${url(mediatheque)}?asOf=${yesterday}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { asOf: string; rows: (Row & { notStatedCents: number })[] };
    expect(body.asOf).toBe(yesterday);
    // Nothing of today moves yesterday's figures, those not yet stated included.
    expect(body).toEqual(before.json());
    const funders = (
      (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables?asOf=${yesterday}`)).json()
        .rows as Row[]
    ).filter((r) => r.placeId === mediatheque);
    const strip = ({ programId, owedCents, inStatementCents, paidCents }: Row) => ({
      programId,
      owedCents,
      inStatementCents,
      paidCents,
    });
    expect(body.rows.map(strip)).toEqual(funders.map(strip));
    const today = (await place.request('GET', url(mediatheque))).json() as typeof body;
    expect(today.asOf).toBe(businessDate());
    expect(today.rows).not.toEqual(body.rows);
    // A day to come is refused, as for the funder.
    const future = await place.request('GET', `${url(mediatheque)}?asOf=${addDays(businessDate(), 1)}`);
    expect(future.statusCode).toBe(422);
  });

  it('is the place’s own: another place, a funder’s staff and a prescriber find nothing', async () => {
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await other.request('GET', url(mediatheque))).statusCode).toBe(404);
    expect((await c.funder.request('GET', url(mediatheque))).statusCode).toBe(404);
    const prescriber = await signIn(t.app, 'prescripteur@hautsdefrance.test');
    expect((await prescriber.request('GET', url(mediatheque))).statusCode).toBe(404);
    // The place's agent reads it, as the place's statements.
    const agent = await signIn(t.app, 'mediateur@hautsdefrance.test');
    expect((await agent.request('GET', url(mediatheque))).statusCode).toBe(200);
  });
});
