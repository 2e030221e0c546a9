import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
let hdf: Client;
let funderId: string;
let programId: string;
let missionLocale: string;
let franceTravail: string;
let place: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  hdf = await signIn(t.app, 'financeur@hautsdefrance.test');
  funderId = hdf.session.memberships[0]!.funderId!;
  // Stock moves today, so they need a programme running today: a copy of the demo campaign.
  const { creation } = hautsDeFranceDemoCampaign;
  const created = await hdf.request('POST', `/api/v1/funders/${funderId}/programs`, {
    ...creation,
    legal: { ...creation.legal, number: 'STOCK-TEST' },
    state: { ...creation.state, name: 'Campagne des tests de stock' },
  });
  programId = created.json().id;
  const orgs =
    // Places belong to no funder (migration 0024): the funder's are on its roster.
    (
      await t.database.pool.query(
        `SELECT id, name FROM organisations WHERE funder_id = $1
        OR id IN (SELECT place_id FROM funder_places WHERE funder_id = $1)`,
        [funderId],
      )
    ).rows;
  const id = (name: string) => orgs.find((o) => o.name === name)!.id as string;
  missionLocale = id('Mission locale du Grand Amiénois');
  franceTravail = id('France Travail Lille Centre');
  place = id('Médiathèque Louis Aragon');
  await hdf.request('POST', `/api/v1/programs/${programId}/issues`, { bookletCount: 10, bookletSize: 10 });
});
afterAll(() => t.close());

/** The demo's current campaign has stock of its own; these tests work on their own programme. */
const ofProgram = <B extends { serial: string; programId: string }>(booklets: B[]) =>
  booklets.filter((b) => b.programId === programId);

describe('stock of booklets', () => {
  it('allocates booklets to a prescriber, whose agent then sees them as its stock', async () => {
    const res = await hdf.request('POST', `/api/v1/programs/${programId}/allocations`, {
      prescriberId: missionLocale,
      count: 4,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().serials).toHaveLength(4);
    const agent = await signIn(t.app, 'prescripteur@hautsdefrance.test');
    const stock = (await agent.request('GET', `/api/v1/organisations/${missionLocale}/stock`)).json();
    expect(ofProgram(stock.booklets).map((b) => b.serial)).toEqual(res.json().serials);
    // Each says where its beneficiary may live: the funder's region, and the Somme for the
    // demo campaign's booklets of its envelope « Somme ».
    const region = [{ level: 'region', code: '32' }];
    for (const b of ofProgram<{ serial: string; programId: string; residenceWithin: unknown }>(
      stock.booklets,
    ))
      expect(b.residenceWithin).toEqual([region]);
    const { rows } = await t.database.pool.query(
      `SELECT serial, envelope_id IS NOT NULL AS "inEnvelope" FROM booklets WHERE holder_id = $1 AND status = 'allocated'`,
      [missionLocale],
    );
    const fromEnvelope = rows.find((r) => r.inEnvelope)!.serial;
    expect(stock.booklets.find((b: { serial: string }) => b.serial === fromEnvelope).residenceWithin).toEqual(
      [region, [{ level: 'departement', code: '80' }]],
    );
    // The same agent cannot read another prescriber's stock.
    expect((await agent.request('GET', `/api/v1/organisations/${franceTravail}/stock`)).statusCode).toBe(404);
  });

  it('transfers between prescribers and takes booklets back, keeping each move in the history', async () => {
    const { booklets } = (await hdf.request('GET', `/api/v1/organisations/${missionLocale}/stock`)).json();
    const serial = ofProgram(booklets)[0]!.serial;
    const moved = await hdf.request('POST', `/api/v1/funders/${funderId}/transfers`, {
      serials: [serial],
      toId: franceTravail,
    });
    expect(moved.statusCode).toBe(200);
    const back = await hdf.request('POST', `/api/v1/funders/${funderId}/transfers`, {
      serials: [serial],
      toId: null,
    });
    expect(back.statusCode).toBe(200);
    const history = (
      await hdf.request('GET', `/api/v1/funders/${funderId}/booklets/${serial}/movements`)
    ).json();
    expect(
      history.every((m: { actorEmail: string }) => m.actorEmail === 'financeur@hautsdefrance.test'),
    ).toBe(true);
    expect(history.map((m: { kind: string; toId: string | null }) => [m.kind, m.toId])).toEqual([
      ['allocate', missionLocale],
      ['transfer', franceTravail],
      ['return', null],
    ]);
    const stock = (await hdf.request('GET', `/api/v1/organisations/${missionLocale}/stock`)).json();
    expect(ofProgram(stock.booklets)).toHaveLength(3);
  });

  it('refuses to allocate more than the stock, to a place, or a booklet still in stock, and changes nothing', async () => {
    const tooMany = await hdf.request('POST', `/api/v1/programs/${programId}/allocations`, {
      prescriberId: missionLocale,
      count: 8,
    });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().errors[0]).toEqual({ field: 'count', message: 'Au plus 7 carnets.' });
    const toPlace = await hdf.request('POST', `/api/v1/programs/${programId}/allocations`, {
      prescriberId: place,
      count: 1,
    });
    expect(toPlace.statusCode).toBe(422);
    expect(toPlace.json().errors[0].field).toBe('prescriberId');
    const { rows } = await t.database.pool.query(
      `SELECT serial FROM booklets WHERE status = 'stock' AND program_id = $1 ORDER BY serial LIMIT 1`,
      [programId],
    );
    const inStock = await hdf.request('POST', `/api/v1/funders/${funderId}/transfers`, {
      serials: [rows[0].serial],
      toId: franceTravail,
    });
    expect(inStock.statusCode).toBe(409);
    const counts = (
      await t.database.pool.query(
        `SELECT status, count(*)::int AS n FROM booklets WHERE program_id = $1 GROUP BY status ORDER BY status`,
        [programId],
      )
    ).rows;
    expect(counts).toEqual([
      { status: 'allocated', n: 3 },
      { status: 'stock', n: 7 },
    ]);
  });

  it('hides another funder’s organisations and booklets', async () => {
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await pdc.request('GET', `/api/v1/organisations/${missionLocale}/stock`)).statusCode).toBe(404);
    expect(
      (
        await pdc.request('POST', `/api/v1/programs/${programId}/allocations`, {
          prescriberId: missionLocale,
          count: 1,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await pdc.request('POST', `/api/v1/funders/${funderId}/transfers`, { serials: ['X'], toId: null }))
        .statusCode,
    ).toBe(404);
  });
});
