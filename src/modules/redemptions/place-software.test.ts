import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate } from '../../core/dates.js';
import { formatPassCode } from '../../core/pass-code.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, placeKey } from '../../test/circulation.js';

/**
 * Issue 13, as a place's software uses the API with its key (found by a tester playing its
 * developer): it lists its redemptions page by page and by day, to reconcile them with its
 * visits; it sees the session date each one was recorded for; and a nonce sent again with
 * another session date is a different request, refused, not the first one's answer.
 */
let t: TestApp;
let c: Circulation;
let key: string;
let mediatheque: string;
const today = businessDate();

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  key = await placeKey(t, mediatheque);
});
afterAll(() => t.close());

const headers = () => ({ authorization: `Bearer ${key}` });
const list = (query = '') =>
  t.app.inject({ url: `/api/v1/places/${mediatheque}/redemptions${query}`, headers: headers() });
let nonces = 0;
const redeem = (code: string, extra: Record<string, unknown> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/redemptions',
    headers: headers(),
    payload: {
      code,
      nonce: `logiciel-${nonces++}`,
      theme: STANDARD_SERVICES[0],
      durationMinutes: 60,
      format: 'individual',
      ...extra,
    },
  });

/** Live passes of the demo campaign handed out at least ten days ago: a late session fits. */
async function oldActiveCodes(n: number) {
  const { rows } = await t.database.pool.query<{ code: string }>(
    `SELECT p.code FROM passes p JOIN booklets b ON b.id = p.booklet_id
      WHERE p.program_id = $1 AND p.status = 'active' AND b.status = 'handed_out'
        AND p.valid_from <= $2::date ORDER BY p.id LIMIT $3`,
    [c.programId, addDays(today, -10), n],
  );
  expect(rows).toHaveLength(n);
  return rows.map((r) => r.code);
}

describe('a place’s software and its redemptions', () => {
  it('lists them with its key, page by page, and by the day they were recorded', async () => {
    const all: { id: number; redeemedAt: string; sessionOn: string }[] = [];
    let res = await list('?limit=7');
    expect(res.statusCode, res.body).toBe(200);
    const totals = new Set<number>();
    for (;;) {
      const page = res.json();
      expect(page.redemptions.length).toBeLessThanOrEqual(7);
      all.push(...page.redemptions);
      totals.add(page.total);
      if (page.nextBefore === null) break;
      res = await list(`?limit=7&before=${page.nextBefore}`);
      expect(res.statusCode, res.body).toBe(200);
    }
    // Every redemption of the place, once, newest first: the demo's months of them.
    const { rows } = await t.database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM redemptions WHERE place_id = $1',
      [mediatheque],
    );
    expect(all.length).toBe(rows[0]!.n);
    expect(all.length).toBeGreaterThan(7);
    // Every page says how many the whole list holds, whichever page it is: « Page 2 sur 9 ».
    expect([...totals]).toEqual([all.length]);
    const ids = all.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);

    // One month: only what was recorded in it (its days in Paris time).
    const recordedOn = (r: { redeemedAt: string }) => businessDate(new Date(r.redeemedAt));
    const from = `${recordedOn(all[all.length - 1]!).slice(0, 7)}-01`;
    const to = addDays(from, 27);
    const inPeriod = all.filter((r) => recordedOn(r) >= from && recordedOn(r) <= to);
    expect(inPeriod.length).toBeGreaterThan(1);
    const listed = (await list(`?from=${from}&to=${to}&limit=200`)).json();
    expect(listed.redemptions.map((r: { id: number }) => r.id)).toEqual(inPeriod.map((r) => r.id));
    expect(listed.nextBefore).toBeNull();
    expect(listed.total).toBe(inPeriod.length);
    // A last page that is exactly full says it is the last: no empty page to ask for.
    const exact = (await list(`?from=${from}&to=${to}&limit=${inPeriod.length}`)).json();
    expect(exact.redemptions).toHaveLength(inPeriod.length);
    expect(exact.nextBefore).toBeNull();
    const shorter = (await list(`?from=${from}&to=${to}&limit=${inPeriod.length - 1}`)).json();
    expect(shorter.nextBefore).toBe(inPeriod[inPeriod.length - 2]!.id);
    // The period's second page: its one row, and the period's count still.
    const second = (
      await list(`?from=${from}&to=${to}&limit=${inPeriod.length - 1}&before=${shorter.nextBefore}`)
    ).json();
    expect(second.redemptions.map((r: { id: number }) => r.id)).toEqual([inPeriod[inPeriod.length - 1]!.id]);
    expect(second.total).toBe(inPeriod.length);
  });

  it('checks and redeems a pass by its QR code’s link under a département’s long address', async () => {
    // What a scanner types: 73 characters, refused when a code's text was capped at 64.
    const [code] = await oldActiveCodes(1);
    const link = `https://www.pasdecalais.fr/solidarites/pass-numerique/p/${formatPassCode(code!)}`;
    const checked = await t.app.inject({
      url: `/api/v1/passes/${encodeURIComponent(link)}`,
      headers: headers(),
    });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json().status).toBe('redeemable');
    const done = await redeem(link);
    expect(done.statusCode, done.body).toBe(201);
  });

  it('refuses a bad page or period, naming the field', async () => {
    for (const [query, field] of [
      ['?limit=0', 'querystring.limit'],
      ['?limit=1000', 'querystring.limit'],
      ['?before=abc', 'querystring.before'],
      ['?from=2026-02-30', 'querystring.from'],
      [`?from=${today}&to=${addDays(today, -1)}`, 'querystring.to'],
    ] as const) {
      const res = await list(query);
      expect(res.statusCode, query).toBe(422);
      expect(
        res.json().errors.map((e: { field: string }) => e.field),
        query,
      ).toContain(field);
    }
  });

  it('reads a date of the first century as a date: no redemption that early, not « no such day »', async () => {
    const res = await list('?from=0001-01-01&to=0099-12-31');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().redemptions).toEqual([]);
  });

  it('answers another place’s list as a place that is not there', async () => {
    const other = c.organisations['Centre social Arras Ouest']!;
    const res = await t.app.inject({ url: `/api/v1/places/${other}/redemptions`, headers: headers() });
    expect(res.statusCode).toBe(404);
  });

  it('says the session date of each redemption, and refuses a nonce sent again with another', async () => {
    const [late, sameDay] = await oldActiveCodes(2);
    const lastWeek = addDays(today, -7);
    const first = await redeem(late!, { nonce: 'seance-tardive-1', sessionOn: lastWeek });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().sessionOn).toBe(lastWeek);
    // The same request again: the first answer.
    const replay = await redeem(late!, { nonce: 'seance-tardive-1', sessionOn: lastWeek });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().id).toBe(first.json().id);
    // Another session date, or none (today), is another request: refused, the first stands.
    for (const sessionOn of [addDays(today, -5), undefined, today]) {
      const other = await redeem(late!, { nonce: 'seance-tardive-1', sessionOn });
      expect(other.statusCode, `${sessionOn}: ${other.body}`).toBe(409);
      expect(other.json()).toMatchObject({ code: 'nonce_reused', firstRedemption: { id: first.json().id } });
    }
    // A session of today, sent again with today's date written out: the same request.
    const todays = await redeem(sameDay!, { nonce: 'seance-du-jour-1' });
    expect(todays.statusCode).toBe(201);
    expect(todays.json().sessionOn).toBe(today);
    const again = await redeem(sameDay!, { nonce: 'seance-du-jour-1', sessionOn: today });
    expect(again.statusCode, again.body).toBe(200);
    const listed = (await list('?limit=5')).json().redemptions;
    expect(listed.find((r: { id: number }) => r.id === first.json().id)?.sessionOn).toBe(lastWeek);
  });

  it('says, at the session date, when a late session came before the pass was valid', async () => {
    const [code] = await oldActiveCodes(1);
    const { rows } = await t.database.pool.query<{ valid_from: string }>(
      "SELECT to_char(valid_from, 'YYYY-MM-DD') AS valid_from FROM passes WHERE code = $1",
      [code],
    );
    const validFrom = rows[0]!.valid_from;
    const before = addDays(validFrom, -1);
    const res = await redeem(code!, { sessionOn: before });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('not_yet_valid');
    const message = `Ce pass n’était pas encore valable le ${frenchDate(before)} : il l’est depuis le ${frenchDate(validFrom)}.`;
    expect(res.json().detail).toBe(message);
    expect(res.json().errors).toEqual([{ field: 'sessionOn', message }]);
    // Nothing was recorded: the same pass, for a session on a day it was valid, is redeemed.
    expect((await redeem(code!, { sessionOn: validFrom })).statusCode).toBe(201);
  });
});
