import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';

/**
 * What a person is told when their data is recorded (RGPD art. 13): the funder names whom to
 * write to; every member of the funder reads the notice, another funder's people find nothing.
 */
let t: TestApp;
let admin: Client;
let funderId: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  admin = await signIn(t.app, 'financeur@hautsdefrance.test');
  funderId = admin.session.memberships[0]!.funderId!;
});
afterAll(() => t.close());

const settings = (body: object) => admin.request('PATCH', `/api/v1/funders/${funderId}/settings`, body);
const notice = (who: Client, id = funderId) => who.request('GET', `/api/v1/funders/${id}/privacy-notice`);

describe('the information notice', () => {
  it('carries the contact the funder’s admin sets, its change in the journal', async () => {
    const before = await notice(admin);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({
      funderName: 'Région Hauts-de-France',
      privacyContact: null,
      retentionMonths: 24,
      purposes: expect.arrayContaining([
        expect.objectContaining({ field: 'Nom, prénom et date de naissance' }),
      ]),
    });

    const set = await settings({ privacyContact: '  DPO, 151 avenue du Président Hoover, 59555 Lille  ' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().privacyContact).toBe('DPO, 151 avenue du Président Hoover, 59555 Lille');
    const prescriber = await signIn(t.app, 'prescripteur@hautsdefrance.test');
    expect((await notice(prescriber)).json().privacyContact).toBe(
      'DPO, 151 avenue du Président Hoover, 59555 Lille',
    );
    const { rows } = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'funder.privacy_contact_change' ORDER BY id`,
    );
    expect(rows.map((r) => r.summary)).toEqual([
      { before: null, after: 'DPO, 151 avenue du Président Hoover, 59555 Lille' },
    ]);

    // Too long: refused at the field, nothing changed.
    const long = await settings({ privacyContact: 'x'.repeat(301) });
    expect(long.statusCode).toBe(422);
    expect(long.json().errors).toEqual([expect.objectContaining({ field: 'privacyContact' })]);
    expect((await notice(admin)).json().privacyContact).toBe(
      'DPO, 151 avenue du Président Hoover, 59555 Lille',
    );

    // Removed: the notice then sends the person to the funder.
    expect((await settings({ privacyContact: null })).json().privacyContact).toBeNull();
    expect((await notice(admin)).json().privacyContact).toBeNull();
  });

  it('is read by the funder’s members only', async () => {
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await notice(other)).statusCode).toBe(404);
    const place = await signIn(t.app, 'benevole@hautsdefrance.test');
    expect((await notice(place)).statusCode).toBe(200);
  });
});
