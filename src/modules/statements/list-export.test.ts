import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frenchMonth } from '../../core/dates.js';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

/**
 * The finance officer takes the month's statements into the funder's accounts: one CSV of
 * every statement the filters choose, which a French spreadsheet opens, with the same numbers
 * and totals as the page, and the export in the journal.
 */
let t: TestApp;
let c: Circulation;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
});
afterAll(() => t.close());

type Listed = {
  number: string;
  month: string;
  placeName: string;
  totalCents: number;
  status: string;
  paidOn: string | null;
};

/** The file's rows as cells (`;` between them, no cell of the demo quoted), header first. */
function cells(body: string) {
  expect(body.startsWith('\uFEFF')).toBe(true);
  return body
    .slice(1)
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(';'));
}

const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

describe('the statements exported for the accounts', () => {
  it('holds every statement of the list, with its number, place, month, total and state in words', async () => {
    const listed: Listed[] = (
      await c.funder.request('GET', `/api/v1/funders/${c.funderId}/statements`)
    ).json().statements;
    expect(listed.length).toBeGreaterThan(2);
    const res = await c.funder.request('GET', `/api/v1/funders/${c.funderId}/statements.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="releves.csv"');
    const [header, ...rows] = cells(res.body);
    expect(header).toEqual([
      'Relevé',
      'Mois',
      'Dispositif',
      'Lieu',
      'SIRET du lieu',
      'Séances',
      'Valeur des séances (€)',
      'Régularisations',
      'Régularisations (€)',
      'Total (€)',
      'État',
      'Émis le',
      'Payé le',
    ]);
    expect(rows.map((r) => r[0]).sort()).toEqual(listed.map((s) => s.number).sort());
    for (const s of listed) {
      const row = rows.find((r) => r[0] === s.number)!;
      expect(row[1]).toBe(frenchMonth(s.month));
      expect(row[3]).toBe(s.placeName);
      expect(row[9]).toBe(euros(s.totalCents));
      expect(row[10]).not.toMatch(/^(issued|contested|approved|in_payment|paid)$/);
    }
    const paid = listed.find((s) => s.status === 'paid')!;
    expect(rows.find((r) => r[0] === paid.number)![12]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });

  it('takes the list’s filters: the paid statements only, named by their month', async () => {
    const listed: Listed[] = (
      await c.funder.request('GET', `/api/v1/funders/${c.funderId}/statements?status=paid`)
    ).json().statements;
    const month = listed[0]!.month;
    const res = await c.funder.request(
      'GET',
      `/api/v1/funders/${c.funderId}/statements.csv?status=paid&month=${month}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="releves-${month}.csv"`);
    const [, ...rows] = cells(res.body);
    expect(rows.map((r) => r[0]).sort()).toEqual(
      listed
        .filter((s) => s.month === month)
        .map((s) => s.number)
        .sort(),
    );
    expect(new Set(rows.map((r) => r[10]))).toEqual(new Set(['Payé']));
  });

  it('is in the journal in words, and refuses a month that is not one, naming the field', async () => {
    type Entry = { action: string; details: string[] };
    const entries: Entry[] = (
      await c.funder.request('GET', `/api/v1/funders/${c.funderId}/audit?limit=200`)
    ).json().entries;
    const exports = entries.filter((e) => e.action === 'statement.list_export');
    expect(exports.length).toBeGreaterThanOrEqual(2);
    // The filtered export (the latest): « Mois : octobre 2026 », « État des relevés : payé ».
    const paidMonth = (
      await c.funder.request('GET', `/api/v1/funders/${c.funderId}/statements?status=paid`)
    ).json().statements[0].month;
    expect(exports[0]!.details).toEqual(
      expect.arrayContaining([`Mois : ${frenchMonth(paidMonth)}`, 'État des relevés : payé']),
    );
    expect(exports[0]!.details.find((d) => d.startsWith('Relevés : '))).toMatch(/^Relevés : \d+$/);
    expect(exports.flatMap((e) => e.details).join(' ')).not.toMatch(/count|paid|\d{4}-\d{2}/);
    const res = await c.funder.request('GET', `/api/v1/funders/${c.funderId}/statements.csv?month=2026-13`);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['querystring.month']);
  });

  it('is not for a prescriber, and another funder’s admin finds nothing', async () => {
    const prescriber = await signIn(t.app, 'prescripteur@hautsdefrance.test');
    expect((await prescriber.request('GET', `/api/v1/funders/${c.funderId}/statements.csv`)).statusCode).toBe(
      403,
    );
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await other.request('GET', `/api/v1/funders/${c.funderId}/statements.csv`)).statusCode).toBe(404);
  });
});
