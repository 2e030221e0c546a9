import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets, redeemCodes } from '../../test/circulation.js';

// A place calls the funder's helpdesk: « this pass was refused as already used ». The funder's
// staff and the operator had no way to look a pass up by its code: the booklet's history takes
// a serial, the journal names a pass by an internal number. A pass's story now answers it.
let t: TestApp;
let c: Circulation;
let code: string;
let serial: string;
let aragon: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  const booklets = await handedOutBooklets(t, c, 1);
  serial = booklets.serials[0]!;
  code = booklets.codes[0]!;
  aragon = c.organisations['Médiathèque Louis Aragon']!;
  const place = await signIn(t.app, 'lieu@hautsdefrance.test');
  const [first] = await redeemCodes(place, aragon, [code], `histoire-${serial}`);
  expect((await place.request('POST', `/api/v1/redemptions/${first}/cancel`)).statusCode).toBe(200);
  await redeemCodes(place, aragon, [code], `histoire-bis-${serial}`);
});
afterAll(() => t.close());

const story = (client: Circulation['funder'], funderId: string, typed: string) =>
  client.request('GET', `/api/v1/funders/${funderId}/passes/${encodeURIComponent(typed)}`);

describe('a pass looked up by its code', () => {
  it('tells its booklet, its state and every session it paid, the cancelled one included', async () => {
    // As typed on the phone: lower case, no dashes.
    const res = await story(c.funder, c.funderId, code.toLowerCase().replaceAll('-', ''));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      code,
      status: 'redeemed',
      faceValueCents: 1000,
      booklet: { serial, status: 'handed_out', holderName: null },
    });
    expect(body.programName).toMatch(/campagne 2026/);
    expect(body.sessions).toHaveLength(2);
    expect(body.sessions.map((s: { placeName: string }) => s.placeName)).toEqual([
      'Médiathèque Louis Aragon',
      'Médiathèque Louis Aragon',
    ]);
    expect(body.sessions[0].cancelledAt).not.toBeNull();
    expect(body.sessions[1].cancelledAt).toBeNull();
    // The viewer, read-only, sees the same.
    const viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect((await story(viewer, c.funderId, code)).json()).toEqual(body);
  });

  it('says of a blocked booklet’s pass when, why and by which organisation it was blocked', async () => {
    const { serials, codes, prescriber } = await handedOutBooklets(t, c, 1);
    const blocked = await prescriber.request('POST', `/api/v1/booklets/${serials[0]}/block`, {
      reason: 'lost',
    });
    expect(blocked.statusCode, blocked.body).toBe(200);
    const body = (await story(c.funder, c.funderId, codes[0]!)).json();
    expect(body).toMatchObject({
      status: 'cancelled',
      booklet: {
        status: 'blocked',
        handedOutByName: 'Mission locale du Grand Amiénois',
        block: { reason: 'lost', reasonLabel: 'Perdu', byName: 'Mission locale du Grand Amiénois' },
      },
    });
    expect(new Date(body.booklet.block.at).getTime()).toBeGreaterThan(Date.now() - 5 * 60_000);

    // Blocked by the funder's admin: the funder is named.
    const other = await handedOutBooklets(t, c, 1);
    await c.funder.request('POST', `/api/v1/booklets/${other.serials[0]}/block`, { reason: 'stolen' });
    const byFunder = (await story(c.funder, c.funderId, other.codes[0]!)).json();
    expect(byFunder.booklet.block).toMatchObject({ reason: 'stolen', byName: 'Région Hauts-de-France' });
    // A pass not blocked says so.
    expect((await story(c.funder, c.funderId, code)).json().booklet.block).toBeNull();
  });

  it('names the field of a mistyped code, and is another funder’s or a place’s to read never', async () => {
    const typo = await story(c.funder, c.funderId, `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`);
    expect([typo.statusCode, typo.json().errors?.[0]?.field]).toEqual([422, 'code']);
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    const pdc = other.session.memberships[0]!.funderId!;
    const res = await story(other, pdc, code);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(serial);
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    expect((await story(place, c.funderId, code)).statusCode).toBe(403);
  });
});
