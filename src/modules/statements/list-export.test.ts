import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frenchMonth } from '../../core/dates.js';
import { frenchOrder } from '../../core/french.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
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

/*
 * A national operator's programme has 5,000 places, so 5,000 statements a month: the list
 * stopped at the latest 500 and the page sorted those alone, so that a finance officer sorting
 * by amount saw the largest of the latest 500, and could never reach the 501st. The server now
 * sorts the whole list and sends it a page at a time, with how many match.
 */
describe('a funder with more statements than one page holds', () => {
  const COUNT = 620;
  /** Every third is approved: the n of 1 to COUNT where n % 3 = 2. */
  const APPROVED = Math.floor((COUNT + 1) / 3);
  const PLACES = ['Zéphyr numérique', 'Écluse numérique', 'atelier du Port', 'Maison France services'];
  let pdc: Client;
  let funderId: string;
  type Row = Listed & { id: string; programName: string };
  beforeAll(async () => {
    pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    funderId = pdc.session.memberships[0]!.funderId!;
    const { rows } = await t.database.pool.query(
      `SELECT p.id AS program,
              ARRAY(SELECT o.id FROM organisations o WHERE o.kind = 'place' ORDER BY o.id LIMIT 4) AS places
         FROM programs p WHERE p.funder_id = $1 LIMIT 1`,
      [funderId],
    );
    // Four places a month, back from 2026-09: the largest statement is the oldest one, which
    // the latest 500 left out. Issued, contested and approved in turn.
    await t.database.pool.query(
      `INSERT INTO statements (funder_id, program_id, place_id, funder_name, funder_siret, place_name, place_siret,
                               number, sequence, month, redemptions_count, value_cents, adjustments_count,
                               adjustments_cents, total_cents, status)
       SELECT $1, $2, ($3::uuid[])[1 + n % 4], 'Département du Pas-de-Calais', '22620001600015', ($4::text[])[1 + n % 4], NULL,
              to_char(m, 'YYYY') || '-' || lpad((1000 + n)::text, 6, '0'), 1000 + n, m, 1,
              v, 0, 0, v, (ARRAY['issued', 'contested', 'approved'])[1 + n % 3]
         FROM generate_series(1, $5::int) n,
              LATERAL (SELECT (date '2026-09-01' - make_interval(months => (n - 1) / 4))::date AS m,
                              CASE WHEN n = $5::int THEN 9999999 ELSE (n * 7919) % 100000 END AS v) x`,
      [funderId, rows[0].program, rows[0].places, PLACES, COUNT],
    );
  });

  const list = (query: string) => pdc.request('GET', `/api/v1/funders/${funderId}/statements?${query}`);
  /** Every page of the list in this order, `size` a page. */
  const allPages = async (query: string, size: number) => {
    const first = await list(`${query}&pageSize=${size}`);
    expect(first.statusCode, first.body).toBe(200);
    const { total } = first.json();
    const rows: Row[] = [...first.json().statements];
    for (let page = 2; page <= Math.ceil(total / size); page++)
      rows.push(...(await list(`${query}&pageSize=${size}&page=${page}`)).json().statements);
    expect(rows).toHaveLength(total);
    // No statement twice, none left out, page after page.
    expect(new Set(rows.map((s) => s.id)).size).toBe(total);
    return rows;
  };

  it('gives the latest 500 to a client asking nothing, with how many match, and the rest on the next page', async () => {
    const first = (await list('')).json();
    expect(first).toMatchObject({ total: COUNT, page: 1, pageSize: 500, truncated: true });
    expect(first.statements).toHaveLength(500);
    const months = first.statements.map((s: Row) => s.month);
    expect(months).toEqual([...months].sort().reverse());
    const second = (await list('page=2')).json();
    expect(second).toMatchObject({ total: COUNT, page: 2, truncated: false });
    expect(second.statements).toHaveLength(COUNT - 500);
    const ids = [...first.statements, ...second.statements].map((s: Row) => s.id);
    expect(new Set(ids).size).toBe(COUNT);
    // `limit`, as before: the latest ones, said cut.
    expect((await list('limit=3')).json()).toMatchObject({ total: COUNT, pageSize: 3, truncated: true });
  });

  it('is sorted by the server across pages: by amount, by place in French order, by number', async () => {
    const largest = await allPages('sort=total&order=desc', 200);
    const totals = largest.map((s) => s.totalCents);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    // The oldest statement, the largest, is first: the latest 500 did not hold it.
    expect(largest[0]).toMatchObject({ totalCents: 9999999, month: '2013-11' });
    const smallest = await allPages('sort=total&order=asc', 200);
    expect(smallest.map((s) => s.id)).toEqual(largest.map((s) => s.id).reverse());

    const byPlace = (await allPages('sort=place&order=asc', 250)).map((s) => s.placeName);
    expect(byPlace).toEqual([...byPlace].sort(frenchOrder));
    expect([...new Set(byPlace)]).toEqual([
      'atelier du Port',
      'Écluse numérique',
      'Maison France services',
      'Zéphyr numérique',
    ]);
    const numbers = (await allPages('sort=number&order=asc', 250)).map((s) => s.number);
    expect(numbers).toEqual([...numbers].sort());
    // The state in the order of its life, not the codes' alphabet.
    const LIFE = ['issued', 'contested', 'approved'];
    const states = (await allPages('sort=status&order=asc', 250)).map((s) => LIFE.indexOf(s.status));
    expect(states).toEqual([...states].sort());
    expect(states[0]).toBe(0);
    // By programme, in French order of the names the list shows (the demo funder has several).
    const programs = (
      await c.funder.request('GET', `/api/v1/funders/${c.funderId}/statements?sort=program&order=desc`)
    )
      .json()
      .statements.map((s: Row) => s.programName);
    expect(programs).toEqual([...programs].sort(frenchOrder).reverse());
  });

  it('keeps the filters with the pages, and says how many they choose', async () => {
    const approved = await allPages('status=approved&sort=total&order=desc', 50);
    expect(approved.length).toBe(APPROVED);
    expect(approved.every((s) => s.status === 'approved')).toBe(true);
    const month = (await list('month=2020-01&sort=place&order=desc')).json();
    expect(month).toMatchObject({ total: 4, truncated: false });
    expect(month.statements.map((s: Row) => s.placeName)).toEqual([
      'Zéphyr numérique',
      'Maison France services',
      'Écluse numérique',
      'atelier du Port',
    ]);
    // A page past the last is empty, with the count still.
    expect((await list('status=approved&pageSize=50&page=99')).json()).toMatchObject({
      total: approved.length,
      statements: [],
      truncated: false,
    });
  });

  it('exports every statement the filters choose, not one page', async () => {
    const all = await pdc.request('GET', `/api/v1/funders/${funderId}/statements.csv`);
    expect(all.statusCode).toBe(200);
    expect(cells(all.body)).toHaveLength(1 + COUNT);
    const approved = await pdc.request(
      'GET',
      `/api/v1/funders/${funderId}/statements.csv?status=approved&sort=total&order=desc&page=2&pageSize=10`,
    );
    expect(approved.statusCode).toBe(200);
    const [, ...rows] = cells(approved.body);
    expect(rows).toHaveLength(APPROVED);
    // In the list's order: the largest first.
    const totals = rows.map((r) => Number(r[9]!.replace(',', '.')));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('refuses a sort it does not offer, naming the field', async () => {
    const bad = await list('sort=amount');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'querystring.sort' })]);
    expect(bad.json().errors[0].message).toContain('total');
    expect((await list('pageSize=501')).statusCode).toBe(422);
  });
});
