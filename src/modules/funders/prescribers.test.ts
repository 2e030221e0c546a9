import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { sessionOf, TEST_PASSWORD } from '../../test/accounts.js';
import type { Client, TestApp } from '../../test/app.js';
import { startTestApp } from '../../test/app.js';

/** Issue 11, point 2: a funder adds its prescriber organisations and invites their agents. */

let t: TestApp;
let hdf: Client;
let hdfId: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  hdf = await sessionOf(t, 'financeur@hautsdefrance.test', DEMO_PASSWORD);
  hdfId = hdf.session.memberships[0]!.funderId!;
});
afterAll(() => t.close());

const url = () => `/api/v1/funders/${hdfId}/prescribers`;

const ccasLaon = {
  name: 'CCAS de Laon',
  kind: 'ccas',
  siret: '215 704 087 00018',
  communeCode: '02408',
};

type Issue = { field: string; message: string };
const fields = (body: { errors: Issue[] }) => body.errors.map((e) => e.field).sort();

describe('prescriber organisations of a funder', () => {
  it('lets a funder admin add one, listed with its kind and commune, and audited', async () => {
    const res = await hdf.request('POST', url(), ccasLaon);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      name: 'CCAS de Laon',
      kind: 'ccas',
      siret: '21570408700018',
      communeCode: '02408',
      communeName: 'Laon',
    });

    const list = (await hdf.request('GET', url())).json();
    // The list's rows carry the prescriber's booklet figures too: none yet.
    expect(list.find((p: { id: string }) => p.id === created.id)).toEqual({
      ...created,
      held: 0,
      handedOut: 0,
      redeemed: 0,
      lastHandOutOn: null,
    });
    // The demo's prescribers are listed too, with their kind and commune.
    expect(list.find((p: { name: string }) => p.name === 'Mission locale du Grand Amiénois')).toMatchObject({
      kind: 'mission_locale',
      communeName: 'Amiens',
    });
    // The allocation form's list of prescribers has it too: booklets can be given to it.
    const organisations = (
      await hdf.request('GET', `/api/v1/funders/${hdfId}/organisations?kind=prescriber`)
    ).json();
    expect(organisations.map((o: { id: string }) => o.id)).toContain(created.id);

    const trail = (await hdf.request('GET', `/api/v1/funders/${hdfId}/audit`)).json();
    const entry = trail.entries.find((e: { objectId: string }) => e.objectId === created.id);
    expect(entry).toMatchObject({
      actorEmail: 'financeur@hautsdefrance.test',
      action: 'organisation.create',
      objectType: 'organisation',
      summary: {
        kind: 'prescriber',
        name: 'CCAS de Laon',
        prescriberKind: 'ccas',
        siret: '21570408700018',
        communeCode: '02408',
      },
    });
  });

  it('takes one without a SIRET', async () => {
    const res = await hdf.request('POST', url(), {
      name: 'Association Connect’Aisne',
      kind: 'association',
      communeCode: '02691',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ siret: null, communeName: 'Saint-Quentin' });
  });

  it('names each bad field in French, and creates nothing', async () => {
    const before = (await hdf.request('GET', url())).json().length;

    const shape = await hdf.request('POST', url(), { name: ' ', kind: 'pole_emploi', communeCode: '02408' });
    expect(shape.statusCode).toBe(422);
    expect(fields(shape.json())).toEqual(['kind', 'name']);
    const messages = shape.json().errors.map((e: Issue) => e.message);
    expect(messages).toContain('Choisissez le type de structure dans la liste.');
    expect(messages).toContain('Le nom de la structure doit compter au moins 2 caractères.');

    const facts = await hdf.request('POST', url(), {
      name: 'Mairie de Nulle-Part',
      kind: 'mairie',
      siret: '12345678901234',
      communeCode: '99999',
    });
    expect(facts.statusCode).toBe(422);
    expect(fields(facts.json())).toEqual(['communeCode', 'siret']);
    expect(facts.json().errors.find((e: Issue) => e.field === 'siret').message).toContain('SIRET');
    expect(facts.json().errors.find((e: Issue) => e.field === 'communeCode').message).toContain('commune');

    const missing = await hdf.request('POST', url(), { name: 'Mairie de Laon', kind: 'mairie' });
    expect(missing.statusCode).toBe(422);
    expect(fields(missing.json())).toEqual(['communeCode']);

    expect((await hdf.request('GET', url())).json()).toHaveLength(before);
  });

  it('refuses a second prescriber of the same name in the funder (409 naming the field), not in another', async () => {
    const again = await hdf.request('POST', url(), {
      name: '  mission locale du grand amienois ',
      kind: 'mission_locale',
      communeCode: '80021',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'prescriber_name_taken',
      errors: [{ field: 'name' }],
    });

    const pdc = await sessionOf(t, 'financeur@pasdecalais.test', DEMO_PASSWORD);
    const pdcId = pdc.session.memberships[0]!.funderId!;
    const elsewhere = await pdc.request('POST', `/api/v1/funders/${pdcId}/prescribers`, {
      name: 'Mission locale du Grand Amiénois',
      kind: 'mission_locale',
      communeCode: '80021',
    });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('hides another funder’s list (404) and refuses every role but the funder’s admin (403)', async () => {
    const pdc = await sessionOf(t, 'financeur@pasdecalais.test', DEMO_PASSWORD);
    const other = { ...ccasLaon, name: 'CCAS intrus' };
    expect((await pdc.request('POST', url(), other)).statusCode).toBe(404);
    expect((await pdc.request('GET', url())).statusCode).toBe(404);

    for (const email of [
      'lecteur@hautsdefrance.test',
      'prescripteur@hautsdefrance.test',
      'lieu@hautsdefrance.test',
      'beneficiaire@hautsdefrance.test',
      'admin@pass-numerique.test',
    ]) {
      const client = await sessionOf(t, email, DEMO_PASSWORD);
      expect((await client.request('POST', url(), other)).statusCode, email).toBe(403);
    }
    const anonymous = await t.app.inject({ method: 'POST', url: url(), payload: other });
    expect(anonymous.statusCode).toBe(401);
    expect((await hdf.request('GET', url())).json().map((p: { name: string }) => p.name)).not.toContain(
      'CCAS intrus',
    );
  });

  it('invites an agent of the new prescriber, who then works for it', async () => {
    const created = (
      await hdf.request('POST', url(), {
        name: 'Mission locale de Soissons',
        kind: 'mission_locale',
        communeCode: '02722',
      })
    ).json();
    const inv = await hdf.request('POST', `/api/v1/funders/${hdfId}/invitations`, {
      email: 'agent@ml-soissons.test',
      role: 'prescriber_agent',
      organisationId: created.id,
    });
    expect(inv.statusCode).toBe(201);
    const token = inv.json().invitationUrl.split('/invitation/')[1];
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { displayName: 'Agent Soissons', password: TEST_PASSWORD },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().memberships).toEqual([
      expect.objectContaining({
        role: 'prescriber_agent',
        funderId: hdfId,
        organisationId: created.id,
        organisationName: 'Mission locale de Soissons',
      }),
    ]);

    // Another funder cannot invite agents into this funder's prescriber.
    const pdc = await sessionOf(t, 'financeur@pasdecalais.test', DEMO_PASSWORD);
    const pdcId = pdc.session.memberships[0]!.funderId!;
    const intruder = await pdc.request('POST', `/api/v1/funders/${pdcId}/invitations`, {
      email: 'intrus@exemple.fr',
      role: 'prescriber_agent',
      organisationId: created.id,
    });
    expect(intruder.statusCode).toBe(422);
    expect(intruder.json().errors[0].field).toBe('organisationId');
  });
});
