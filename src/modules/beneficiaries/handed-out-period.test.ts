import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';

/*
 * Found by a Mission locale advisor: for her monthly report she wants « ce que nous avons remis
 * ce mois-ci », and the list of what her structure handed out took no period (`?from=` was
 * ignored), said no total for one and had no download. It now takes a period, gives the
 * booklets, the replacements among them, the people and the passes of that period, each
 * hand-out's public, and the same period as a CSV file.
 */
let t: TestApp;
let c: Circulation;
let prescriber: Client;
let missionLocale: string;
let serials: string[];
const today = businessDate();
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  ({ serials, prescriber, missionLocale } = await handedOutBooklets(t, c, 3));
});
afterAll(() => t.close());

interface Row {
  serial: string;
  handedOutOn: string;
  passes: number;
  passesStruck: number;
  replacesSerial: string | null;
  audience: { code: string; label: string };
}
const list = (who: Client, query: string, org = missionLocale) =>
  who.request('GET', `/api/v1/organisations/${org}/handed-out?${query}`);
const csv = (who: Client, query: string, org = missionLocale) =>
  who.request('GET', `/api/v1/organisations/${org}/handed-out.csv?${query}`);

describe('what a prescriber handed out in a period', () => {
  it('keeps the period’s hand-outs only, with their totals and each one’s public', async () => {
    const all: Row[] = (await list(prescriber, '')).json().booklets;
    const res = await list(prescriber, `from=${today}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const expected = all.filter((b) => b.handedOutOn === today);
    expect(body.total).toBe(expected.length);
    expect(body.booklets.map((b: Row) => b.serial).sort()).toEqual(expected.map((b) => b.serial).sort());
    expect(body.booklets.map((b: Row) => b.serial)).toEqual(expect.arrayContaining(serials));
    expect(body.period).toEqual({ from: today, to: today });
    expect(body.totals).toEqual({
      booklets: expected.length,
      replacements: expected.filter((b) => b.replacesSerial).length,
      people: expect.any(Number),
      passes: expected.reduce((n, b) => n + b.passes - b.passesStruck, 0),
    });
    const mine = body.booklets.find((b: Row) => b.serial === serials[0]);
    expect(mine.audience).toEqual({ code: 'senior_60_plus', label: expect.stringMatching(/\S/) });

    // A period before any of them: nothing, and totals of nothing.
    const before = (await list(prescriber, 'from=2020-01-01&to=2020-01-31')).json();
    expect(before).toMatchObject({
      total: 0,
      booklets: [],
      totals: { booklets: 0, replacements: 0, people: 0, passes: 0 },
    });
    // No period: every hand-out, as before, totals of all.
    const whole = (await list(prescriber, '')).json();
    expect(whole.period).toBeNull();
    expect(whole.totals.booklets).toBe(whole.total);
  });

  it('shows a replacement as such, a booklet more but not a person more', async () => {
    const period = `from=${addDays(today, -30)}&to=${today}`;
    const before = (await list(prescriber, period)).json().totals;
    const more = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
      prescriberId: missionLocale,
      count: 1,
    });
    expect(more.statusCode, more.body).toBe(201);
    const replacement = more.json().serials[0];
    const blocked = await prescriber.request('POST', `/api/v1/booklets/${serials[2]}/block`, {
      reason: 'lost',
    });
    expect(blocked.statusCode, blocked.body).toBe(200);
    const replaced = await prescriber.request('POST', `/api/v1/organisations/${missionLocale}/replacements`, {
      blockedSerial: serials[2],
      serial: replacement,
      confirmSurplus: true,
    });
    expect(replaced.statusCode, replaced.body).toBe(201);
    const after = (await list(prescriber, period)).json();
    expect(after.totals).toMatchObject({
      booklets: before.booklets + 1,
      replacements: before.replacements + 1,
      people: before.people,
    });
    expect(after.booklets.find((b: Row) => b.serial === replacement)).toMatchObject({
      replacesSerial: serials[2],
    });
  });

  it('refuses a period it cannot read, naming the field in French', async () => {
    const reversed = await list(prescriber, `from=${today}&to=${addDays(today, -1)}`);
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().errors).toEqual([
      { field: 'querystring.to', message: 'La fin de la période ne peut pas précéder son début.' },
    ]);
    const badDay = await list(prescriber, 'from=2026-02-30');
    expect(badDay.statusCode).toBe(422);
    expect(badDay.json().errors).toEqual([expect.objectContaining({ field: 'querystring.from' })]);
    expect(badDay.json().errors[0].message).toMatch(/date/i);
    const noPeriod = await csv(prescriber, '');
    expect(noPeriod.statusCode).toBe(422);
    expect(
      noPeriod
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['querystring.from', 'querystring.to']);
  });

  it('downloads the same period as a French CSV named after the structure and the period', async () => {
    const period = `from=${addDays(today, -30)}&to=${today}`;
    const shown = (await list(prescriber, period)).json();
    const res = await csv(prescriber, period);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="carnets-remis-mission-locale-du-grand-amienois-${addDays(today, -30)}-${today}.csv"`,
    );
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Structure;Remis le;Carnet;Dispositif;Initiales;Public;Pass;Pass barrés;Pass utilisés;État;Remplace le carnet;Remplacé par',
    );
    // One line per hand-out of the period, then the total.
    expect(lines).toHaveLength(shown.total + 2);
    expect(lines.some((l) => l.includes(serials[0]!) && l.includes('Mission locale du Grand Amiénois'))).toBe(
      true,
    );
    const replacementLine = lines.find((l) => l.split(';')[10] === serials[2]);
    expect(replacementLine).toBeDefined();
    expect(lines.at(-1)).toContain('Total');
    expect(lines.at(-1)).toContain(`${shown.totals.booklets} carnets`);
    expect(lines.at(-1)).toContain(`dont ${shown.totals.replacements} en remplacement`);
    expect(lines.at(-1)!.split(';')[6]).toBe(String(shown.totals.passes));
    expect(res.body).not.toContain('Paulette');
  });

  it('is the structure’s and its funder’s only', async () => {
    const period = `from=${today}&to=${today}`;
    expect((await csv(c.funder, period)).statusCode).toBe(200);
    const other = c.organisations['France Travail Lille Centre']!;
    expect((await csv(prescriber, period, other)).statusCode).toBe(404);
    expect((await list(prescriber, period, other)).statusCode).toBe(404);
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await csv(pdc, period)).statusCode).toBe(404);
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    expect((await csv(place, period)).statusCode).toBe(404);
  });
});
