import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../../core/session.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';

// Issue 11, point 7: a prescriber finds the serial of a booklet it handed out (to block a
// lost one) in the list of what it handed out: serial, date, initials only, passes used.
let t: TestApp;
let c: Circulation;
let prescriber: Client;
let missionLocale: string;
let serials: string[];
let codes: string[];
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  ({ serials, codes, prescriber, missionLocale } = await handedOutBooklets(t, c, 2));
  const place = await signIn(t.app, 'lieu@hautsdefrance.test');
  const redeemed = await place.request('POST', '/api/v1/redemptions', {
    placeId: c.organisations['Médiathèque Louis Aragon'],
    code: codes[0],
    nonce: 'handed-out-list',
    theme: STANDARD_SERVICES[1],
    durationMinutes: 60,
    format: 'individual',
  });
  expect(redeemed.statusCode).toBe(201);
});
afterAll(() => t.close());

const handedOut = (who: Client, org = missionLocale) =>
  who.request('GET', `/api/v1/organisations/${org}/handed-out`);

describe('the booklets a prescriber handed out', () => {
  it('lists serial, date, the person’s initials only and the passes used', async () => {
    const res = await handedOut(prescriber);
    expect(res.statusCode).toBe(200);
    const mine = res.json().booklets.filter((b: { serial: string }) => serials.includes(b.serial));
    expect(mine).toHaveLength(2);
    const first = mine.find((b: { serial: string }) => b.serial === serials[0]);
    expect(first).toMatchObject({ initials: 'P. T.', passesUsed: 1, passes: 10, status: 'handed_out' });
    expect(first.handedOutOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Nothing more of the person than the initials.
    expect(JSON.stringify(res.json())).not.toContain('Paulette');
    expect(Object.keys(first).sort()).toEqual(
      [
        'handedOutOn',
        'initials',
        'passes',
        'passesStruck',
        'passesUsed',
        'programId',
        'serial',
        'status',
      ].sort(),
    );
  });

  it('is the prescriber’s and its funder’s only', async () => {
    expect((await handedOut(c.funder)).statusCode).toBe(200);
    const other = c.organisations['France Travail Lille Centre']!;
    expect((await handedOut(prescriber, other)).statusCode).toBe(404);
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await handedOut(pdc)).statusCode).toBe(404);
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    expect((await handedOut(place)).statusCode).toBe(404);
  });
});
