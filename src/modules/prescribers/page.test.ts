import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../../core/session.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { sessionOf } from '../../test/accounts.js';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';

/**
 * Issue 11, point 2: a page per prescriber (booklets held, handed out, passes used, days
 * since its last hand-out, its agents), and the funder takes stock back from it.
 */

let t: TestApp;
let c: Circulation;
let missionLocale: string;
let handedSerials: string[];
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  const handed = await handedOutBooklets(t, c, 2);
  missionLocale = handed.missionLocale;
  handedSerials = handed.serials;
  // One of their passes used at the Médiathèque.
  const place = await signIn(t.app, 'lieu@hautsdefrance.test');
  const redeemed = await place.request('POST', '/api/v1/redemptions', {
    placeId: c.organisations['Médiathèque Louis Aragon'],
    code: handed.codes[0],
    nonce: `page-${Date.now()}`,
    theme: STANDARD_SERVICES[1],
    durationMinutes: 60,
    format: 'individual',
  });
  if (redeemed.statusCode !== 201) throw new Error(redeemed.body);
  // And three booklets it still holds.
  const more = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
    prescriberId: missionLocale,
    count: 3,
  });
  if (more.statusCode !== 201) throw new Error(more.body);
});
afterAll(() => t.close());

const pageUrl = (id = missionLocale) => `/api/v1/funders/${c.funderId}/prescribers/${id}`;
const page = async () => (await c.funder.request('GET', pageUrl())).json();

describe('the page of a prescriber', () => {
  it('shows what it holds and handed out, the passes used, the days since its last hand-out, its agents', async () => {
    const res = await c.funder.request('GET', pageUrl());
    expect(res.statusCode).toBe(200);
    const p = res.json();
    // The demo's circulation gave it booklets too: figures are compared with its own rows.
    const { rows } = await t.database.pool.query(
      `SELECT count(*) FILTER (WHERE status = 'allocated' AND holder_id = $1)::int AS held FROM booklets`,
      [missionLocale],
    );
    expect(p).toMatchObject({
      name: 'Mission locale du Grand Amiénois',
      kind: 'mission_locale',
      communeName: 'Amiens',
      held: rows[0].held,
      daysSinceLastHandOut: 0,
      agents: [{ displayName: 'Sarah Benali', email: 'prescripteur@hautsdefrance.test' }],
    });
    expect(p.held).toBeGreaterThanOrEqual(3);
    expect(p.booklets).toHaveLength(p.held);
    expect(p.handedOut).toBeGreaterThanOrEqual(2);
    expect(p.redeemed).toBeGreaterThanOrEqual(1);
    // The list of prescribers shows the same figures on its row.
    const list = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/prescribers`)).json();
    expect(list.find((x: { id: string }) => x.id === missionLocale)).toMatchObject({
      held: p.held,
      handedOut: p.handedOut,
      redeemed: p.redeemed,
      lastHandOutOn: p.lastHandOutOn,
    });
    // A prescriber that never handed anything out has no last hand-out.
    const laon = c.organisations['Antenne régionale de Laon']!;
    const idle = (await c.funder.request('GET', pageUrl(laon))).json();
    expect(idle).toMatchObject({
      held: 0,
      handedOut: 0,
      redeemed: 0,
      daysSinceLastHandOut: null,
      agents: [],
    });
  });

  it('is for the funder’s staff only; another funder’s prescriber, or a place, is not found', async () => {
    const viewer = await sessionOf(t, 'lecteur@hautsdefrance.test', DEMO_PASSWORD);
    expect((await viewer.request('GET', pageUrl())).statusCode).toBe(200);
    const agent = await signIn(t.app, 'prescripteur@hautsdefrance.test');
    expect((await agent.request('GET', pageUrl())).statusCode).toBe(403);
    const pdc = await sessionOf(t, 'financeur@pasdecalais.test', DEMO_PASSWORD);
    const pdcId = pdc.session.memberships[0]!.funderId!;
    expect(
      (await pdc.request('GET', `/api/v1/funders/${pdcId}/prescribers/${missionLocale}`)).statusCode,
    ).toBe(404);
    const place = c.organisations['Médiathèque Louis Aragon']!;
    expect((await c.funder.request('GET', pageUrl(place))).statusCode).toBe(404);
  });
});

describe('taking stock back from a prescriber', () => {
  const takeBack = (body: unknown, client = c.funder) =>
    client.request('POST', `/api/v1/funders/${c.funderId}/prescribers/${missionLocale}/returns`, body);

  it('returns chosen booklets to the funder’s stock as new movements, audited; not handed-out ones only', async () => {
    const before = await page();
    const chosen = before.booklets[0].serial as string;
    const res = await takeBack({ serials: [chosen] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ serials: [chosen] });
    const after = await page();
    expect(after.held).toBe(before.held - 1);
    expect(after.booklets.map((b: { serial: string }) => b.serial)).not.toContain(chosen);
    const history = (
      await c.funder.request('GET', `/api/v1/funders/${c.funderId}/booklets/${chosen}/movements`)
    ).json();
    expect(
      history
        .map((m: { kind: string; fromId: string | null; toId: string | null }) => [m.kind, m.fromId, m.toId])
        .at(-1),
    ).toEqual(['return', missionLocale, null]);
    const { rows } = await t.database.pool.query('SELECT status, holder_id FROM booklets WHERE serial = $1', [
      chosen,
    ]);
    expect(rows[0]).toEqual({ status: 'stock', holder_id: null });

    // A booklet handed out to a person cannot be taken back.
    const refused = await takeBack({ serials: [handedSerials[0]] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'booklet_not_held',
      errors: [{ field: 'serials', message: `Non détenus par ce prescripteur : ${handedSerials[0]}.` }],
    });
    expect((await page()).held).toBe(after.held);
  });

  it('takes back all it holds at once, then has nothing left to take', async () => {
    const before = await page();
    const res = await takeBack({ all: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().serials).toHaveLength(before.held);
    expect((await page()).held).toBe(0);
    const trail = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/audit`)).json();
    expect(trail.entries[0]).toMatchObject({
      action: 'stock.return',
      actorEmail: 'financeur@hautsdefrance.test',
      summary: { booklets: before.held, from: missionLocale, to: null },
    });
    const empty = await takeBack({ all: true });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().code).toBe('nothing_to_take_back');
  });

  it('is for the funder’s admins only', async () => {
    const viewer = await sessionOf(t, 'lecteur@hautsdefrance.test', DEMO_PASSWORD);
    expect((await takeBack({ all: true }, viewer)).statusCode).toBe(403);
    const pdc = await sessionOf(t, 'financeur@pasdecalais.test', DEMO_PASSWORD);
    const pdcId = pdc.session.memberships[0]!.funderId!;
    const other = await pdc.request('POST', `/api/v1/funders/${pdcId}/prescribers/${missionLocale}/returns`, {
      all: true,
    });
    expect(other.statusCode).toBe(404);
  });
});
