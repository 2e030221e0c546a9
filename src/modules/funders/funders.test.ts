import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { behindHeldRow } from '../../test/locks.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
});
afterAll(() => t.close());

const newFunder = (overrides: Record<string, unknown> = {}) => ({
  name: 'Communauté de communes du Pays de Montmédy',
  kind: 'epci',
  siret: '812 345 678 00013',
  territory: [{ level: 'epci', code: '245501259' }],
  firstAdminEmail: 'admin@montmedy.test',
  ...overrides,
});

describe('funders', () => {
  it('lets a platform admin create a funder whose first admin accepts the invitation', async () => {
    const admin = await signIn(t.app, 'admin@pass-numerique.test');
    const res = await admin.request('POST', '/api/v1/funders', newFunder());
    expect(res.statusCode).toBe(201);
    const { funder, invitationUrl } = res.json();
    expect(funder).toMatchObject({
      siret: '81234567800013',
      territory: [{ level: 'epci', code: '245501259', name: 'CC du Pays de Montmédy' }],
    });
    const token = invitationUrl.split('/invitation/')[1];
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { displayName: 'Admin Montmédy', password: 'mot de passe très sûr' },
    });
    expect(accepted.json().memberships[0]).toMatchObject({ role: 'funder_admin', funderId: funder.id });
  });

  it('names each bad INSEE code and a bad SIRET, and creates nothing', async () => {
    const admin = await signIn(t.app, 'admin@pass-numerique.test');
    const before = (await admin.request('GET', '/api/v1/funders')).json().length;
    const res = await admin.request(
      'POST',
      '/api/v1/funders',
      newFunder({
        siret: '12345678901234',
        territory: [
          { level: 'departement', code: '62' },
          { level: 'commune', code: '99999' },
        ],
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['siret', 'territory.1.code']);
    expect(res.json().errors[1].message).toContain('99999');
    expect((await admin.request('GET', '/api/v1/funders')).json()).toHaveLength(before);
  });

  it('refuses a territory listed twice, and says in one answer both that the SIRET and the name are taken', async () => {
    const admin = await signIn(t.app, 'admin@pass-numerique.test');
    const before = (await admin.request('GET', '/api/v1/funders')).json().length;
    const twice = await admin.request(
      'POST',
      '/api/v1/funders',
      newFunder({
        siret: '51234567800019',
        territory: [
          { level: 'departement', code: '80' },
          { level: 'epci', code: '245501259' },
          { level: 'departement', code: '80' },
        ],
      }),
    );
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors).toEqual([
      {
        field: 'territory.2.code',
        message: 'Somme (80) — département figure déjà dans la liste : retirez-le.',
      },
    ]);
    // The operator is told at once which funder holds the SIRET, and that the name is taken too.
    const hdf = (await admin.request('GET', '/api/v1/funders'))
      .json()
      .find((f: { name: string }) => f.name === 'Région Hauts-de-France');
    const both = await admin.request(
      'POST',
      '/api/v1/funders',
      newFunder({ name: 'region hauts de france', siret: hdf.siret, firstAdminEmail: 'x@hdf2.test' }),
    );
    expect(both.statusCode).toBe(409);
    expect(both.json().errors).toEqual([
      {
        field: 'siret',
        message: 'Ce SIRET est déjà celui d’un autre financeur : « Région Hauts-de-France ».',
      },
      { field: 'name', message: 'Ce nom est déjà celui d’un autre financeur : « Région Hauts-de-France ».' },
    ]);
    expect((await admin.request('GET', '/api/v1/funders')).json()).toHaveLength(before);
  });

  it('refuses funder creation to a funder admin, and shows each funder only its own row', async () => {
    const hdf = await signIn(t.app, 'financeur@hautsdefrance.test');
    expect(
      (await hdf.request('POST', '/api/v1/funders', newFunder({ siret: '41234567800012' }))).statusCode,
    ).toBe(403);
    const visible = (await hdf.request('GET', '/api/v1/funders')).json();
    expect(visible.map((f: { name: string }) => f.name)).toEqual(['Région Hauts-de-France']);
  });

  it('refuses a second funder of the same name, spelt alike, and lists funders in French order', async () => {
    // A national operator's list of funders: four rows « Département du Nord » that differed
    // only by case, accents or spaces, and « Établissement… » or « Île-de-France » after « Z ».
    const admin = await signIn(t.app, 'admin@pass-numerique.test');
    const first = await admin.request(
      'POST',
      '/api/v1/funders',
      newFunder({
        name: '  Établissement   public  du   Numérique ',
        siret: '31234567800014',
        firstAdminEmail: 'admin@epn.test',
      }),
    );
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().funder.name).toBe('Établissement public du Numérique');
    const before = (await admin.request('GET', '/api/v1/funders')).json();
    const again = await admin.request(
      'POST',
      '/api/v1/funders',
      newFunder({
        name: 'ETABLISSEMENT public du numerique',
        siret: '51234567800019',
        firstAdminEmail: 'x@epn.test',
      }),
    );
    expect([again.statusCode, again.json().code]).toEqual([409, 'funder_name_taken']);
    expect(again.json().errors).toEqual([
      {
        field: 'name',
        message: 'Ce nom est déjà celui d’un autre financeur : « Établissement public du Numérique ».',
      },
    ]);
    const after = (await admin.request('GET', '/api/v1/funders')).json();
    expect(after).toEqual(before);
    const names = after.map((f: { name: string }) => f.name);
    expect(names.indexOf('Établissement public du Numérique')).toBeLessThan(
      names.indexOf('Région Hauts-de-France'),
    );
  });

  it('gives a name to one funder only when two are created with it at the same instant', async () => {
    const admin = await signIn(t.app, 'admin@pass-numerique.test');
    // The journal is held for writing: each creation has found the name free and written its
    // funder's row before it records its entry, so both are past the check when they meet.
    const [a, b] = await behindHeldRow(t.database.pool, 'LOCK TABLE audit_entries IN SHARE MODE', [], () => [
      admin.request(
        'POST',
        '/api/v1/funders',
        newFunder({ name: 'Syndicat du Numérique', siret: '61234567800009', firstAdminEmail: 'a@sdn.test' }),
      ),
      admin.request(
        'POST',
        '/api/v1/funders',
        newFunder({ name: 'SYNDICAT du numerique', siret: '71234567800007', firstAdminEmail: 'b@sdn.test' }),
      ),
    ]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([201, 409]);
    const created = [a, b].find((r) => r.statusCode === 201)!.json().funder;
    const refused = [a, b].find((r) => r.statusCode === 409)!.json();
    expect(refused.code).toBe('funder_name_taken');
    expect(refused.errors).toEqual([
      { field: 'name', message: `Ce nom est déjà celui d’un autre financeur : « ${created.name} ».` },
    ]);
    const listed = (await admin.request('GET', '/api/v1/funders')).json() as { id: string; name: string }[];
    expect(listed.filter((f) => /^syndicat du num[eé]rique$/i.test(f.name))).toEqual([
      expect.objectContaining({ id: created.id }),
    ]);
  });

  it('gives a SIRET to one funder only when two are created with it at the same instant', async () => {
    const admin = await signIn(t.app, 'admin@pass-numerique.test');
    const siret = '81234567800005';
    // As for the name: both creations are past the check when they meet.
    const [a, b] = await behindHeldRow(t.database.pool, 'LOCK TABLE audit_entries IN SHARE MODE', [], () => [
      admin.request(
        'POST',
        '/api/v1/funders',
        newFunder({ name: 'SIVU Numérique Est', siret, firstAdminEmail: 'a@sne.test' }),
      ),
      admin.request(
        'POST',
        '/api/v1/funders',
        newFunder({ name: 'SIVU Numérique Ouest', siret, firstAdminEmail: 'b@sno.test' }),
      ),
    ]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([201, 409]);
    const created = [a, b].find((r) => r.statusCode === 201)!.json().funder;
    const refused = [a, b].find((r) => r.statusCode === 409)!.json();
    expect(refused.code).toBe('siret_taken');
    expect(refused.errors).toEqual([
      { field: 'siret', message: `Ce SIRET est déjà celui d’un autre financeur : « ${created.name} ».` },
    ]);
    const listed = (await admin.request('GET', '/api/v1/funders')).json() as { siret: string }[];
    expect(listed.filter((f) => f.siret === siret)).toHaveLength(1);
  });
});
