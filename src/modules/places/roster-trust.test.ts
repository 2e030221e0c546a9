import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACE_SIRETS } from '../../demo/places.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { newAccount, sessionOf } from '../../test/accounts.js';
import { type Client, startTestApp, type TestApp } from '../../test/app.js';

/**
 * A place's SIRET is public: any funder can add the place to its roster (the place is shared,
 * issue 11). That must not let the funder into the place's affairs. The Pas-de-Calais adds the
 * Région's Médiathèque, which has its own admin and bank account: it does not see the IBAN
 * whole, and cannot invite anyone into the Médiathèque's team (an admin it would choose could
 * change the bank account, revoke the keys and remove the real admin).
 */
let t: TestApp;
let hdf: Client;
let pdc: Client;
let hdfId: string;
let pdcId: string;
let mediatheque: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  hdf = await sessionOf(t, 'financeur@hautsdefrance.test', DEMO_PASSWORD);
  pdc = await sessionOf(t, 'financeur@pasdecalais.test', DEMO_PASSWORD);
  hdfId = hdf.session.memberships[0]!.funderId!;
  pdcId = pdc.session.memberships[0]!.funderId!;
  const added = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, {
    name: 'Médiathèque Louis Aragon',
    siret: DEMO_PLACE_SIRETS.mediatheque,
    communeCode: '80021',
  });
  expect(added.statusCode).toBe(201);
  expect(added.json().shared).toBe(true);
  mediatheque = added.json().id;
});
afterAll(() => t?.close());

describe('a funder that adds a place already run by its own people', () => {
  it('sees its bank account masked, while the funder the place works with sees it whole', async () => {
    const byStranger = (await pdc.request('GET', `/api/v1/funders/${pdcId}/places/${mediatheque}`)).json();
    expect(byStranger.qualification.bankAccount).toMatchObject({ full: false });
    expect(JSON.stringify(byStranger)).not.toContain('FR76');
    const byPartner = (await hdf.request('GET', `/api/v1/funders/${hdfId}/places/${mediatheque}`)).json();
    expect(byPartner.qualification.bankAccount).toMatchObject({ full: true });
    expect(byPartner.qualification.bankAccount.iban).toMatch(/^FR76\d{23}$/);
  });

  it('cannot invite an admin or an agent into its team, nor can the funder that created it', async () => {
    for (const [client, funderId] of [
      [pdc, pdcId],
      [hdf, hdfId],
    ] as const) {
      for (const role of ['place_admin', 'place_agent']) {
        const res = await client.request('POST', `/api/v1/funders/${funderId}/invitations`, {
          email: `intrus-${role}@exemple.test`,
          role,
          organisationId: mediatheque,
        });
        expect(res.statusCode).toBe(409);
        expect(res.json()).toMatchObject({
          code: 'place_runs_its_team',
          errors: [{ field: 'organisationId' }],
        });
        expect(res.json().detail).toContain('Médiathèque Louis Aragon');
      }
    }
    const invited = await t.database.pool.query(
      "select count(*)::int as n from invitations where email like 'intrus-%'",
    );
    expect(invited.rows[0].n).toBe(0);
  });

  it('still invites the first admin of a place it created that nobody runs yet', async () => {
    const created = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, {
      name: 'Espace numérique de Liévin',
      siret: '84526200200015',
      communeCode: '62510',
    });
    expect(created.statusCode).toBe(201);
    const res = await pdc.request('POST', `/api/v1/funders/${pdcId}/invitations`, {
      email: 'direction@lievin.test',
      role: 'place_admin',
      organisationId: created.json().id,
    });
    expect(res.statusCode).toBe(201);
  });

  it('invites another admin into a place whose only admin the platform’s operator disabled', async () => {
    // She can no longer sign in: nobody runs the team, and only a funder can bring someone in.
    const created = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, {
      name: 'Espace numérique de Lens',
      siret: '84526200300005',
      communeCode: '62498',
    });
    expect(created.statusCode, created.body).toBe(201);
    const placeId = created.json().id;
    await newAccount(t, {
      funderId: pdcId,
      email: 'direction@lens.test',
      role: 'place_admin',
      organisationId: placeId,
    });
    const page = async () => (await pdc.request('GET', `/api/v1/funders/${pdcId}/places/${placeId}`)).json();
    expect((await page()).hasAdmin).toBe(true);
    const operator = await sessionOf(t, 'admin@pass-numerique.test', DEMO_PASSWORD);
    const disabled = await operator.request('POST', '/api/v1/admin/accounts/disable', {
      email: 'direction@lens.test',
      reason: 'Départ de la personne',
    });
    expect(disabled.statusCode, disabled.body).toBe(200);

    expect((await page()).hasAdmin).toBe(false);
    const res = await pdc.request('POST', `/api/v1/funders/${pdcId}/invitations`, {
      email: 'nouvelle.direction@lens.test',
      role: 'place_admin',
      organisationId: placeId,
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});
