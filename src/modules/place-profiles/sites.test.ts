import { and, eq, inArray } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, memberships, organisations, placeProfiles } from '../../db/schema/index.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { clientOf, newAccount, sessionOf } from '../../test/accounts.js';
import { type Client, startTestApp, type TestApp } from '../../test/app.js';
import { registrationForm } from '../../test/place-registration.js';

/**
 * An association runs several places of mediation under its head office's SIRET: the admin of
 * one adds another from its own account (the registration refuses a SIRET on the platform).
 */

let t: TestApp;
let funderIds: { hdf: string; pdc: string; verdun: string };
let serial = 500;

/** A place registered by its admin (a server without e-mail: signed in at once). */
async function registered(chosen: string[]) {
  const form = registrationForm(++serial, chosen);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/place-registrations',
    payload: form as never,
    remoteAddress: `10.8.0.${serial % 250}`,
  });
  expect(res.statusCode, res.body).toBe(201);
  const admin = clientOf(t, res.cookies.find((c) => c.name === 'pn_session')!.value, res.json());
  return { form, admin, placeId: res.json().placeId as string };
}

/** A second site's description: the registration's, another name and address. */
function site(form: ReturnType<typeof registrationForm>, overrides: Record<string, unknown> = {}) {
  const { siret: _s, admin: _a, ...profile } = form;
  return {
    ...profile,
    name: 'Espace numérique du quartier Nord',
    address: '3 rue de Cottenchy',
    ...overrides,
  };
}

/** A site's commune and position in Arras (Pas-de-Calais), where the form's is Amiens (Somme). */
const ARRAS = { communeCode: '62041', postcode: '62000', latitude: 50.291, longitude: 2.7775 };

const addSite = (client: Client, placeId: string, body: unknown) =>
  client.request('POST', `/api/v1/places/${placeId}/sites`, body);

const placesOf = (siret: string) =>
  t.database.db.select().from(organisations).where(eq(organisations.siret, siret));

const userIdOf = async (client: Client) =>
  (await client.request('GET', '/api/v1/auth/me')).json().user.id as string;

const fieldsOf = (res: LightMyRequestResponse) =>
  (res.json().errors as { field: string }[]).map((e) => e.field);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const list = (await t.app.inject({ method: 'GET', url: '/api/v1/public/funders' })).json().funders as {
    id: string;
    name: string;
  }[];
  const id = (name: string) => list.find((f) => f.name === name)!.id;
  funderIds = {
    hdf: id('Région Hauts-de-France'),
    pdc: id('Département du Pas-de-Calais'),
    verdun: id('PETR du Pays de Verdun'),
  };
});
afterAll(() => t?.close());

describe('the admin of a place adds another site of its structure', () => {
  it('creates a place of the same SIRET, its admin the same person, a candidate of each funder chosen', async () => {
    const { form, admin, placeId } = await registered([funderIds.hdf]);
    // A site in Arras: in the Région's territory and in the Département du Pas-de-Calais's.
    const res = await addSite(
      admin,
      placeId,
      site(form, { ...ARRAS, funderIds: [funderIds.hdf, funderIds.pdc] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const added = res.json();
    expect(added.placeId).not.toBe(placeId);
    expect(added).toMatchObject({
      name: 'Espace numérique du quartier Nord',
      siret: form.siret,
      communeCode: '62041',
      profile: { address: '3 rue de Cottenchy', services: form.services },
    });

    // Two places of one SIRET now; the person is the admin of both, in the same account.
    expect((await placesOf(form.siret)).map((p) => p.id).sort()).toEqual([placeId, added.placeId].sort());
    const me = (await admin.request('GET', '/api/v1/auth/me')).json();
    expect(me.memberships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'place_admin', organisationId: placeId }),
        expect.objectContaining({ role: 'place_admin', organisationId: added.placeId }),
      ]),
    );
    const profile = await admin.request('GET', `/api/v1/places/${added.placeId}/profile`);
    expect(profile.statusCode).toBe(200);

    // As a registration: each funder chosen finds it on its roster, a candidate to qualify.
    for (const [email, funderId] of [
      ['financeur@hautsdefrance.test', funderIds.hdf],
      ['financeur@pasdecalais.test', funderIds.pdc],
    ] as const) {
      const funder = await sessionOf(t, email, DEMO_PASSWORD);
      const roster = await funder.request('GET', `/api/v1/funders/${funderId}/organisations?kind=place`);
      expect(roster.json().map((o: { id: string }) => o.id)).toContain(added.placeId);
    }
    // The first site stays on its own roster only: the new one is another place, not the same.
    const pdc = await sessionOf(t, 'financeur@pasdecalais.test', DEMO_PASSWORD);
    const pdcRoster = await pdc.request('GET', `/api/v1/funders/${funderIds.pdc}/organisations?kind=place`);
    expect(pdcRoster.json().map((o: { id: string }) => o.id)).not.toContain(placeId);

    // Each funder's journal says who added which site, and that its admin is the person.
    const trail = await t.database.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.objectId, added.placeId));
    const siteEntries = trail.filter((e) => e.action === 'place.add_site');
    expect(siteEntries.map((e) => e.funderId).sort()).toEqual([funderIds.hdf, funderIds.pdc].sort());
    expect(siteEntries[0]!.summary).toMatchObject({ siret: form.siret, siteOf: placeId });
    const joined = await t.database.db
      .select()
      .from(auditEntries)
      .where(
        and(eq(auditEntries.action, 'membership.create'), eq(auditEntries.objectId, await userIdOf(admin))),
      );
    expect(joined.filter((e) => (e.summary as { siteOf?: string }).siteOf === placeId)).toHaveLength(2);
  });

  it('refuses a name a site of the SIRET bears, capitals and accents aside, and writes nothing', async () => {
    const { form, admin, placeId } = await registered([funderIds.hdf]);
    const first = await addSite(admin, placeId, site(form, { name: 'Antenne de la Madeleine' }));
    expect(first.statusCode, first.body).toBe(201);
    const before = await placesOf(form.siret);
    for (const name of [form.name.toUpperCase(), 'antenne de la madeleine', 'Antenne de la Madéleine']) {
      const res = await addSite(admin, placeId, site(form, { name }));
      expect(res.statusCode, `${name}: ${res.body}`).toBe(409);
      expect(res.json().code).toBe('site_name_taken');
      expect(fieldsOf(res)).toEqual(['name']);
      expect(res.json().detail).toMatch(/déjà un site de ce nom/);
    }
    expect((await placesOf(form.siret)).length).toBe(before.length);
    const memberOf = await t.database.db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, await userIdOf(admin)));
    expect(memberOf).toHaveLength(2);
  });

  it('answers each bad field with a 422 naming it, as the registration does', async () => {
    const { form, admin, placeId } = await registered([funderIds.hdf]);
    for (const [override, field] of [
      [{ postcode: '62000' }, 'postcode'],
      [{ services: [] }, 'services'],
      [{ funderIds: [] }, 'funderIds'],
      [{ funderIds: ['00000000-0000-4000-8000-000000000000'] }, 'funderIds.0'],
    ] as const) {
      const res = await addSite(admin, placeId, site(form, override));
      expect(res.statusCode, `${field}: ${res.body}`).toBe(422);
      expect(fieldsOf(res)).toContain(field);
    }
    expect(await placesOf(form.siret)).toHaveLength(1);
  });

  it('offers and takes only the funders whose territory holds the site’s commune, or that have none', async () => {
    // A funder whose territory was never set (the database allows it): it takes places anywhere.
    const { rows } = await t.database.pool.query(
      `INSERT INTO funders (name, kind, siret, territory) VALUES ('Fondation sans territoire', 'other', '77567227238579', '[]')
       RETURNING id`,
    );
    const everywhere: string = rows[0].id;
    const offered = async (commune: string) =>
      (
        (await t.app.inject({ method: 'GET', url: `/api/v1/public/funders?commune=${commune}` })).json()
          .funders as { id: string }[]
      ).map((f) => f.id);
    const inAmiens = await offered('80021');
    expect(inAmiens).toEqual(expect.arrayContaining([funderIds.hdf, everywhere]));
    expect(inAmiens).not.toContain(funderIds.pdc);
    expect(inAmiens).not.toContain(funderIds.verdun);
    expect(await offered('62041')).toEqual(
      expect.arrayContaining([funderIds.hdf, funderIds.pdc, everywhere]),
    );
    // No commune said: every funder, as before.
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/public/funders' })).json().funders;
    expect(all.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining([funderIds.verdun]));

    const { form, admin, placeId } = await registered([funderIds.hdf]);
    const refused = await addSite(
      admin,
      placeId,
      site(form, { funderIds: [funderIds.hdf, funderIds.verdun, funderIds.pdc] }),
    );
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().errors).toEqual([
      {
        field: 'funderIds.1',
        message:
          "Financeurs : PETR du Pays de Verdun ne retient que les lieux de son territoire (CA du Grand Verdun, CC Argonne-Meuse, CC Val de Meuse - Voie Sacrée, CC du Pays d'Étain, CC de Damvillers Spincourt) ; Amiens n’en fait pas partie.",
      },
      expect.objectContaining({ field: 'funderIds.2' }),
    ]);
    expect(await placesOf(form.siret)).toHaveLength(1);
    const taken = await addSite(admin, placeId, site(form, { funderIds: [funderIds.hdf, everywhere] }));
    expect(taken.statusCode, taken.body).toBe(201);
  });

  it('is limited per account, as the registration is per address', async () => {
    const { form, admin, placeId } = await registered([funderIds.hdf]);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await addSite(admin, placeId, site(form, { name: '' }))).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 422)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another account is not held back.
    const other = await registered([funderIds.hdf]);
    expect((await addSite(other.admin, other.placeId, site(other.form, { name: '' }))).statusCode).toBe(422);
  });

  it('is refused to an agent of the place (403) and to the admin of another place (404)', async () => {
    const { form, placeId } = await registered([funderIds.hdf]);
    const agent = await newAccount(t, {
      funderId: funderIds.hdf,
      email: `agent${serial}@espace.test`,
      role: 'place_agent',
      organisationId: placeId,
    });
    const byAgent = await addSite(agent, placeId, site(form));
    expect(byAgent.statusCode, byAgent.body).toBe(403);
    expect(byAgent.json().detail).toMatch(/administrateur du lieu/);

    // The admin of a place of another structure cannot add sites under this SIRET.
    const stranger = await registered([funderIds.hdf]);
    const byStranger = await addSite(stranger.admin, placeId, site(form));
    expect(byStranger.statusCode).toBe(404);
    const funder = await sessionOf(t, 'financeur@hautsdefrance.test', DEMO_PASSWORD);
    expect((await addSite(funder, placeId, site(form))).statusCode).toBe(404);

    expect(await placesOf(form.siret)).toHaveLength(1);
    const profiles = await t.database.db
      .select()
      .from(placeProfiles)
      .where(
        inArray(
          placeProfiles.placeId,
          (await placesOf(form.siret)).map((p) => p.id),
        ),
      );
    expect(profiles).toHaveLength(1);
  });

  it('tells the registration of a SIRET on the platform how its admin adds another site', async () => {
    const { form } = await registered([funderIds.hdf]);
    const again = registrationForm(++serial, [funderIds.hdf], { siret: form.siret, name: 'Autre site' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/place-registrations',
      payload: again as never,
      remoteAddress: `10.8.1.${serial % 250}`,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('place_exists');
    expect(res.json().detail).toMatch(/« Ajouter un site » sur la fiche de votre lieu/);
    expect(res.json().errors[0].message).toMatch(/Ajouter un site/);
  });
});
