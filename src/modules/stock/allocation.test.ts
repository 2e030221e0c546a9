import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';

/**
 * Issue 11, point 7: a programme's booklets listed with filters, and allocated by envelope,
 * by serial range or by chosen booklets, not only « the oldest N ».
 */
let t: TestApp;
let hdf: Client;
let funderId: string;
let programId: string;
let envelopeId: string;
let missionLocale: string;
let franceTravail: string;
/** The 10 booklets outside the envelope, then the 5 of the envelope, in serial order. */
let plain: string[];
let enveloped: string[];

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  hdf = await signIn(t.app, 'financeur@hautsdefrance.test');
  funderId = hdf.session.memberships[0]!.funderId!;
  const { creation } = hautsDeFranceDemoCampaign;
  programId = (
    await hdf.request('POST', `/api/v1/funders/${funderId}/programs`, {
      ...creation,
      legal: { ...creation.legal, number: 'ALLOC-TEST' },
      state: { ...creation.state, name: 'Campagne des tests d’attribution' },
    })
  ).json().id;
  const envelope = await hdf.request('POST', `/api/v1/programs/${programId}/envelopes`, {
    name: 'Quartiers prioritaires',
    cap: 1000,
    effectiveOn: creation.effectiveOn,
  });
  envelopeId = envelope.json().id;
  const orgs = (
    await t.database.pool.query('SELECT id, name FROM organisations WHERE funder_id = $1', [funderId])
  ).rows;
  const id = (name: string) => orgs.find((o) => o.name === name)!.id as string;
  missionLocale = id('Mission locale du Grand Amiénois');
  franceTravail = id('France Travail Lille Centre');
  await hdf.request('POST', `/api/v1/programs/${programId}/issues`, { bookletCount: 10, bookletSize: 10 });
  await hdf.request('POST', `/api/v1/programs/${programId}/issues`, {
    bookletCount: 5,
    bookletSize: 10,
    envelopeId,
  });
  const { rows } = await t.database.pool.query(
    'SELECT serial, envelope_id FROM booklets WHERE program_id = $1 ORDER BY serial',
    [programId],
  );
  plain = rows.filter((r) => r.envelope_id === null).map((r) => r.serial);
  enveloped = rows.filter((r) => r.envelope_id === envelopeId).map((r) => r.serial);
});
afterAll(() => t.close());

const allocate = (body: object) =>
  hdf.request('POST', `/api/v1/programs/${programId}/allocations`, { prescriberId: missionLocale, ...body });
const list = (query: string) => hdf.request('GET', `/api/v1/programs/${programId}/booklets?${query}`);
const statusOf = async (serials: string[]) =>
  (
    await t.database.pool.query(
      'SELECT serial, status FROM booklets WHERE serial = ANY($1) ORDER BY serial',
      [serials],
    )
  ).rows.map((r) => r.status);

describe('allocation of chosen booklets', () => {
  it('gives an envelope’s booklets without giving the older ones away first', async () => {
    expect(plain).toHaveLength(10);
    expect(enveloped).toHaveLength(5);
    const res = await allocate({ envelopeId, count: 2 });
    expect(res.statusCode).toBe(201);
    expect(res.json().serials).toEqual(enveloped.slice(0, 2));
    expect(await statusOf(plain)).toEqual(Array(10).fill('stock'));
  });

  it('gives a serial range whole, or refuses it naming the booklets not in stock, moving nothing', async () => {
    const ok = await allocate({ firstSerial: plain[2], lastSerial: plain[4] });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().serials).toEqual(plain.slice(2, 5));

    const refused = await allocate({ firstSerial: plain[0], lastSerial: plain[5] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('booklets_not_in_stock');
    const message = refused.json().errors[0].message as string;
    for (const s of plain.slice(2, 5)) expect(message).toContain(s);
    expect(await statusOf([plain[0]!, plain[1]!, plain[5]!])).toEqual(['stock', 'stock', 'stock']);

    const backwards = await allocate({ firstSerial: plain[5], lastSerial: plain[4] });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors[0].field).toBe('lastSerial');
  });

  it('gives chosen booklets, and refuses one that is not in this programme’s stock', async () => {
    const ok = await allocate({ serials: [plain[7], plain[9]] });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().serials).toEqual([plain[7], plain[9]]);
    const refused = await allocate({ serials: [plain[8], plain[9]] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0]).toMatchObject({ field: 'serials' });
    expect(refused.json().errors[0].message).toContain(plain[9]);
    expect(await statusOf([plain[8]!])).toEqual(['stock']);
  });
});

describe('list of a programme’s booklets', () => {
  it('filters by status, envelope and holder, by page, with names', async () => {
    const all = (await list('pageSize=4')).json();
    expect(all.total).toBe(15);
    expect(all.booklets).toHaveLength(4);
    expect(all.booklets[0]).toMatchObject({
      serial: plain[0],
      status: 'stock',
      envelope: null,
      holder: null,
    });
    const second = (await list('pageSize=4&page=2')).json();
    expect(second.booklets[0].serial).toBe(plain[4]);

    const inEnvelope = (await list(`envelopeId=${envelopeId}`)).json();
    expect(inEnvelope.booklets.map((b: { serial: string }) => b.serial)).toEqual(enveloped);
    expect(inEnvelope.booklets[0]).toMatchObject({
      envelope: 'Quartiers prioritaires',
      holder: 'Mission locale du Grand Amiénois',
    });

    const held = (await list(`holderId=${missionLocale}`)).json();
    expect(held.total).toBe(7);
    const inStock = (await list('status=stock')).json();
    expect(inStock.total).toBe(8);
    expect((await list(`holderId=${franceTravail}`)).json().total).toBe(0);
  });

  /** Every page of the list in this order, 4 booklets a page. */
  const allPages = async (sort: string, order: string) => {
    const res = await list(`sort=${sort}&order=${order}&pageSize=4`);
    expect(res.statusCode, res.body).toBe(200);
    const first = res.json();
    const rows = [...first.booklets];
    for (let page = 2; page <= Math.ceil(first.total / 4); page++)
      rows.push(...(await list(`sort=${sort}&order=${order}&pageSize=4&page=${page}`)).json().booklets);
    expect(rows).toHaveLength(first.total);
    // No booklet twice, none left out, page after page.
    expect(new Set(rows.map((b: { serial: string }) => b.serial)).size).toBe(first.total);
    return rows as { serial: string; holder: string | null; status: string; envelope: string | null }[];
  };

  it('is sorted by the server across pages: by prescriber’s name either way, booklets in stock last', async () => {
    const ft = await hdf.request('POST', `/api/v1/programs/${programId}/allocations`, {
      prescriberId: franceTravail,
      serials: [plain[0]],
    });
    expect(ft.statusCode).toBe(201);
    const holders = (rows: { holder: string | null }[]) => rows.map((b) => b.holder ?? '—');
    const stock = Array(7).fill('—');
    const ml = Array(7).fill('Mission locale du Grand Amiénois');
    const ascending = await allPages('holder', 'asc');
    expect(holders(ascending)).toEqual(['France Travail Lille Centre', ...ml, ...stock]);
    // Within a prescriber, by serial: the order is the same at every reading.
    expect(ascending.slice(1, 8).map((b) => b.serial)).toEqual(
      [...enveloped.slice(0, 2), ...plain.slice(2, 5), plain[7], plain[9]].sort(),
    );
    const descending = await allPages('holder', 'desc');
    expect(holders(descending)).toEqual([...ml, 'France Travail Lille Centre', ...stock]);
    expect(descending.slice(0, 7).map((b) => b.serial)).toEqual(
      ascending
        .slice(1, 8)
        .map((b) => b.serial)
        .reverse(),
    );

    const byStatus = await allPages('status', 'asc');
    expect(byStatus.map((b) => b.status)).toEqual([...Array(7).fill('stock'), ...Array(8).fill('allocated')]);
    const byEnvelope = await allPages('envelope', 'asc');
    expect(byEnvelope.slice(0, 5).map((b) => b.envelope)).toEqual(Array(5).fill('Quartiers prioritaires'));
    const bySerial = await allPages('serial', 'desc');
    expect(bySerial.map((b) => b.serial)).toEqual([...plain, ...enveloped].sort().reverse());
  });

  it('refuses a sort it does not offer, naming the field', async () => {
    const bad = await list('sort=beneficiary');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'querystring.sort' })]);
    expect(bad.json().errors[0].message).toContain('serial');
    const order = await list('sort=serial&order=up');
    expect(order.statusCode).toBe(422);
    expect(order.json().errors).toEqual([expect.objectContaining({ field: 'querystring.order' })]);
  });

  it('is its funder’s only', async () => {
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await pdc.request('GET', `/api/v1/programs/${programId}/booklets`)).statusCode).toBe(404);
    expect(
      (
        await pdc.request('POST', `/api/v1/programs/${programId}/allocations`, {
          prescriberId: missionLocale,
          serials: [plain[8]],
        })
      ).statusCode,
    ).toBe(404);
  });
});
