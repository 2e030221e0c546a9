import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import { redeemAt } from '../../test/payments.js';

/**
 * A place's volunteer treasurer closes the place's accounts by the year: what its sessions of
 * the year were worth, what was paid to it in the year and what it was still owed at the year's
 * end, per funder and programme. It had only the months' statements one by one.
 */
let t: TestApp;
let c: Circulation;
let mediatheque: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  const { codes } = await handedOutBooklets(t, c, 1);
  await redeemAt(t, mediatheque, codes[0]!);
});
afterAll(() => t?.close());

type YearRow = {
  funderId: string;
  funderName: string;
  programId: string;
  programName: string;
  redeemedCents: number;
  paidCents: number;
  writtenOffCents: number;
  owedCents: number;
  inStatementCents: number;
  approvedCents: number;
};
const url = (placeId: string, year: number | string, csv = false) =>
  `/api/v1/places/${placeId}/year${csv ? '.csv' : ''}?year=${year}`;
const thisYear = Number(businessDate().slice(0, 4));

describe('a place’s year, for its accounts', () => {
  it('gives per funder and programme the year’s sessions, what was paid in it and what was owed at its end', async () => {
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    const res = await place.request('GET', url(mediatheque, thisYear));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { year: number; from: string; to: string; rows: YearRow[] };
    expect(body.year).toBe(thisYear);
    // The year in progress is read to today.
    expect(body.to).toBe(businessDate());
    const row = body.rows.find((r) => r.programId === c.programId)!;
    expect(row.funderName).toBe('Région Hauts-de-France');
    // The year's sessions, net of those cancelled.
    const sessions = await t.database.pool.query(
      `SELECT coalesce(sum(face_value_cents), 0)::int AS cents FROM redemptions
        WHERE place_id = $1 AND program_id = $2 AND cancelled_at IS NULL
          AND redeemed_at >= make_timestamptz($3, 1, 1, 0, 0, 0, 'Europe/Paris')`,
      [mediatheque, c.programId, thisYear],
    );
    expect(row.redeemedCents).toBe(sessions.rows[0].cents);
    // What is owed at its end is the place's « ce qui vous est dû » of that day; what was paid in
    // it, the payments of the year.
    const payables = (asOf: string) =>
      place
        .request('GET', `/api/v1/places/${mediatheque}/payables?asOf=${asOf}`)
        .then((r) => (r.json().rows as YearRow[]).find((x) => x.programId === c.programId));
    const end = (await payables(body.to))!;
    const start = await payables(`${thisYear - 1}-12-31`);
    expect(row.owedCents).toBe(end.owedCents);
    expect(row.inStatementCents).toBe(end.inStatementCents);
    expect(row.paidCents).toBe(end.paidCents - (start?.paidCents ?? 0));
    expect(row.redeemedCents).toBe(
      row.owedCents - (start?.owedCents ?? 0) + row.paidCents + row.writtenOffCents,
    );
  });

  it('downloads as a French CSV: byte-order mark, semicolons, CRLF, euros with a comma', async () => {
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    const json = (await place.request('GET', url(mediatheque, thisYear))).json() as { rows: YearRow[] };
    const res = await place.request('GET', url(mediatheque, thisYear, true));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    // Named by the place: an association's sites give files of their own names.
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="bilan-${thisYear}-mediatheque-louis-aragon.csv"`,
    );
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    // The place's name on every line, the total's too: a coordinator merging the files of an
    // association's sites into one sheet still tells their lines apart.
    expect(lines[0]!.startsWith('Lieu;Financeur;')).toBe(true);
    for (const l of lines.slice(1, -1)) expect(l.startsWith('Médiathèque Louis Aragon;')).toBe(true);
    expect(lines.at(-2)!.startsWith('Médiathèque Louis Aragon;Total;')).toBe(true);
    const row = json.rows.find((r) => r.programId === c.programId)!;
    const line = lines.find((l) => l.includes(row.programName))!;
    expect(line).toContain(`;${(row.redeemedCents / 100).toFixed(2).replace('.', ',')};`);
  });

  it('refuses a year to come, and is the place’s own', async () => {
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    const future = await place.request('GET', url(mediatheque, thisYear + 1));
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0].field).toBe('querystring.year');
    const before = await place.request('GET', url(mediatheque, thisYear - 1));
    expect(before.statusCode).toBe(200);
    expect(before.json().to).toBe(`${thisYear - 1}-12-31`);
    expect((await c.funder.request('GET', url(mediatheque, thisYear))).statusCode).toBe(404);
    expect((await c.funder.request('GET', url(mediatheque, thisYear, true))).statusCode).toBe(404);
  });
});
