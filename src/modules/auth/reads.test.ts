import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

/**
 * Issue 10, point 1: each role reads what its work needs. The funder's books (finance,
 * payers, dashboard), where its booklets went and who moved them (staff e-mails), and its
 * list of organisations are for its staff; a prescriber reads its own stock, a place its
 * own redemptions.
 */
let t: TestApp;
let c: Circulation;
let serial: string;
const who: Record<string, Client> = {};
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  for (const email of [
    'lecteur@hautsdefrance.test',
    'prescripteur@hautsdefrance.test',
    'benevole@hautsdefrance.test',
    'lieu@hautsdefrance.test',
    'admin@pass-numerique.test',
  ])
    who[email] = await signIn(t.app, email);
  const held = await t.database.pool.query(
    "SELECT serial FROM booklets WHERE program_id = $1 AND status = 'allocated' LIMIT 1",
    [c.programId],
  );
  serial = held.rows[0].serial;
});
afterAll(() => t.close());

const funderBooks = () => [
  `/api/v1/programs/${c.programId}/finance`,
  `/api/v1/programs/${c.programId}/payers`,
  `/api/v1/programs/${c.programId}/dashboard`,
  `/api/v1/funders/${c.funderId}/booklets/${serial}/movements`,
  `/api/v1/funders/${c.funderId}/organisations`,
];

describe('who reads what', () => {
  it('keeps the funder’s finance, dashboard, booklet movements and organisations from prescribers and places', async () => {
    for (const email of [
      'prescripteur@hautsdefrance.test',
      'benevole@hautsdefrance.test',
      'lieu@hautsdefrance.test',
    ]) {
      for (const url of funderBooks()) {
        const res = await who[email]!.request('GET', url);
        expect(res.statusCode, `${email} ${url}`).toBe(403);
        expect(res.body, `${email} ${url}`).not.toContain('@hautsdefrance.test');
      }
    }
  });

  it('lets the funder’s read-only staff and the operator read them', async () => {
    for (const email of ['lecteur@hautsdefrance.test', 'admin@pass-numerique.test']) {
      for (const url of funderBooks()) {
        expect((await who[email]!.request('GET', url)).statusCode, `${email} ${url}`).toBe(200);
      }
    }
  });

  it('shows a prescriber its own stock, not another prescriber’s; the operator and staff see both', async () => {
    const own = c.organisations['Mission locale du Grand Amiénois']!;
    const other = c.organisations['France Travail Lille Centre']!;
    const prescriber = who['prescripteur@hautsdefrance.test']!;
    expect((await prescriber.request('GET', `/api/v1/organisations/${own}/stock`)).statusCode).toBe(200);
    expect((await prescriber.request('GET', `/api/v1/organisations/${other}/stock`)).statusCode).toBe(404);
    for (const email of ['lecteur@hautsdefrance.test', 'admin@pass-numerique.test']) {
      expect((await who[email]!.request('GET', `/api/v1/organisations/${other}/stock`)).statusCode).toBe(200);
    }
    // A place is no prescriber: it holds no stock to read.
    const place = who['benevole@hautsdefrance.test']!;
    expect((await place.request('GET', `/api/v1/organisations/${own}/stock`)).statusCode).toBe(404);
  });

  it('shows a place agent its own place’s redemptions, not another place’s', async () => {
    const place = who['benevole@hautsdefrance.test']!;
    const own = c.organisations['Médiathèque Louis Aragon']!;
    const other = c.organisations['Centre social Arras Ouest']!;
    expect((await place.request('GET', `/api/v1/places/${own}/redemptions`)).statusCode).toBe(200);
    expect((await place.request('GET', `/api/v1/places/${other}/redemptions`)).statusCode).toBe(404);
  });
});
