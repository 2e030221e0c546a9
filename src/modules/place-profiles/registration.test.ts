import { and, eq, inArray } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, organisations, placeProfiles, users } from '../../db/schema/index.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { clientOf, newAccount, sessionOf, TEST_PASSWORD } from '../../test/accounts.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { registrationForm } from '../../test/place-registration.js';

let t: TestApp;
let funderIds: Record<string, string>;
let nextAddress = 1;
/** Each request from its own address, but those of the rate limit's test. */
const freshAddress = () => `10.9.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

const register = (payload: unknown, remoteAddress = freshAddress()) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/public/place-registrations',
    payload: payload as never,
    remoteAddress,
  });

let serial = 0;
function registration(overrides: Record<string, unknown> = {}) {
  serial++;
  return registrationForm(serial, [funderIds.hdf!], overrides);
}

const fieldsOf = (res: LightMyRequestResponse) =>
  (res.json().errors as { field: string }[]).map((e) => e.field);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/funders' });
  expect(res.statusCode).toBe(200);
  const list = res.json().funders as { id: string; name: string }[];
  const id = (name: string) => list.find((f) => f.name === name)!.id;
  funderIds = { hdf: id('Région Hauts-de-France'), pdc: id('Département du Pas-de-Calais') };
});
afterAll(() => t?.close());

describe('a place registers itself (issue 11, point 4)', () => {
  it('lists the funders by name, without a session, and nothing more', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/funders' });
    const first = res.json().funders[0];
    expect(Object.keys(first).sort()).toEqual(['id', 'name']);
  });

  it('creates the place, its profile, its rosters and its signed-in admin in one go', async () => {
    // In Arras: in the Région's territory and in the Département du Pas-de-Calais's.
    const body = registration({
      funderIds: [funderIds.hdf, funderIds.pdc],
      communeCode: '62041',
      postcode: '62000',
      latitude: 50.291,
      longitude: 2.7775,
    });
    const res = await register(body);
    expect(res.statusCode, res.body).toBe(201);
    const session = res.json();
    const placeId = session.placeId as string;
    expect(session.memberships).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'place_admin', organisationId: placeId })]),
    );
    const cookie = res.cookies.find((c) => c.name === 'pn_session')!.value;
    const admin = clientOf(t, cookie, session);

    const profile = await admin.request('GET', `/api/v1/places/${placeId}/profile`);
    expect(profile.statusCode, profile.body).toBe(200);
    expect(profile.json()).toMatchObject({
      name: body.name,
      siret: body.siret,
      communeCode: '62041',
      communeName: 'Arras',
      profile: {
        address: body.address,
        postcode: '62000',
        openingHours: body.openingHours,
        services: body.services,
        email: 'contact@espace.test',
      },
    });

    // Each chosen funder finds it on its roster, as a candidate to qualify.
    for (const [email, funderId] of [
      ['financeur@hautsdefrance.test', funderIds.hdf],
      ['financeur@pasdecalais.test', funderIds.pdc],
    ] as const) {
      const funder = await sessionOf(t, email, DEMO_PASSWORD);
      const roster = await funder.request('GET', `/api/v1/funders/${funderId}/organisations?kind=place`);
      expect(roster.json().map((o: { id: string }) => o.id)).toContain(placeId);
    }

    const trail = await t.database.db
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(eq(auditEntries.objectId, placeId));
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['place.register']));
  });

  // Eighteen registrations, each with a password to weigh: longer than the default on a loaded machine.
  it('answers each bad field with a 422 naming it, and creates nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{ siret: '12345678901234' }, 'siret'],
      [{ communeCode: '99999' }, 'communeCode'],
      [{ postcode: '62000' }, 'postcode'],
      [{ latitude: 123 }, 'latitude'],
      [{ longitude: null }, 'longitude'],
      [{ openingHours: 'lundi de 9h à 12h' }, 'openingHours'],
      [{ services: [] }, 'services'],
      [{ services: ['Réparation de vélos'] }, 'services.0'],
      [{ publics: ['Tout le monde'] }, 'publics.0'],
      [{ accessModes: ['Par pigeon voyageur'] }, 'accessModes.0'],
      [{ email: 'pas-une-adresse' }, 'email'],
      [{ website: 'javascript:alert(1)' }, 'website'],
      [{ accessibilityUrl: 'ftp://acceslibre' }, 'accessibilityUrl'],
      [{ phone: 'appelez-nous' }, 'phone'],
      [{ funderIds: [] }, 'funderIds'],
      [{ funderIds: ['00000000-0000-4000-8000-000000000000'] }, 'funderIds.0'],
    ];
    for (const [override, field] of cases) {
      const body = registration(override);
      const res = await register(body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(422);
      expect(fieldsOf(res), field).toContain(field);
      expect(res.json().detail).toMatch(/[a-zé]/);
    }
    const weak = registration();
    weak.admin = { ...weak.admin, password: 'motdepasse' };
    const res = await register(weak);
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res)).toContain('admin.password');

    // Nothing half-created: no account of any refused registration.
    const emails = Array.from({ length: cases.length + 1 }, (_, i) => `nadia${serial - i}@espace.test`);
    const left = await t.database.db.select().from(users).where(inArray(users.email, emails));
    expect(left).toEqual([]);
  }, 120_000);

  it('refuses a SIRET already on the platform without saying whose it is', async () => {
    const first = registration();
    expect((await register(first)).statusCode).toBe(201);
    const again = registration({ siret: first.siret, name: 'Autre nom' });
    const res = await register(again);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('place_exists');
    expect(fieldsOf(res)).toEqual(['siret']);
    expect(res.body).not.toContain(first.name);
    expect(res.json().detail).toMatch(/connectez-vous|administrateur/);
    const left = await t.database.db.select().from(users).where(eq(users.email, again.admin.email));
    expect(left).toEqual([]);
  });

  it('refuses an e-mail that already has an account, asking to sign in', async () => {
    const body = registration({
      admin: { displayName: 'X', email: 'lieu@hautsdefrance.test', password: TEST_PASSWORD },
    });
    const res = await register(body);
    expect(res.statusCode).toBe(409);
    expect(fieldsOf(res)).toEqual(['admin.email']);
    // Refused once the place was written in the transaction: nothing of it is left.
    const places = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.siret, body.siret));
    expect(places).toEqual([]);
  });

  it('refuses a funder whose territory does not hold the place’s commune, naming it', async () => {
    // Amiens is in the Somme: the Région's, not the Département du Pas-de-Calais's.
    const body = registration({ funderIds: [funderIds.hdf, funderIds.pdc] });
    const res = await register(body);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([
      {
        field: 'funderIds.1',
        message:
          'Financeurs : Département du Pas-de-Calais ne retient que les lieux de son territoire (Pas-de-Calais) ; Amiens n’en fait pas partie.',
      },
    ]);
    const places = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.siret, body.siret));
    expect(places).toEqual([]);
  });

  it('is limited per address', async () => {
    const address = '10.77.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await register({ name: '' }, address)).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 422)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another address is not held back.
    expect((await register({ name: '' })).statusCode).toBe(422);
  });
});

describe("the place's profile, kept by its admin", () => {
  let placeId: string;
  let admin: ReturnType<typeof clientOf>;

  beforeAll(async () => {
    const res = await register(registration());
    placeId = res.json().placeId;
    admin = clientOf(t, res.cookies.find((c) => c.name === 'pn_session')!.value, res.json());
  });

  it('is changed by its admin, each change audited with the fields changed', async () => {
    const current = (await admin.request('GET', `/api/v1/places/${placeId}/profile`)).json();
    const body = {
      ...current.profile,
      name: current.name,
      communeCode: current.communeCode,
      openingHours: 'Tu-Sa 10:00-18:00',
      services: ['Loisirs et créations numériques'],
    };
    const res = await admin.request('PUT', `/api/v1/places/${placeId}/profile`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().profile.openingHours).toBe('Tu-Sa 10:00-18:00');
    const [stored] = await t.database.db
      .select()
      .from(placeProfiles)
      .where(eq(placeProfiles.placeId, placeId));
    expect(stored!.services).toEqual(['Loisirs et créations numériques']);
    const [entry] = await t.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.objectId, placeId), eq(auditEntries.action, 'place.profile_update')));
    expect((entry!.summary as { changed: string[] }).changed.sort()).toEqual(['openingHours', 'services']);

    const bad = await admin.request('PUT', `/api/v1/places/${placeId}/profile`, {
      ...body,
      openingHours: 'Mo 25:00-26:00',
    });
    expect(bad.statusCode).toBe(422);
    expect(fieldsOf(bad)).toEqual(['openingHours']);
  });

  it('refuses hours whose range ends at or before it starts, as the form does, and keeps imported ones', async () => {
    const current = (await admin.request('GET', `/api/v1/places/${placeId}/profile`)).json();
    const body = { ...current.profile, name: current.name, communeCode: current.communeCode };
    // The public page read « mardi 10 h 00 – 24 h 00 » and « mercredi 0 h 00 – 10 h 00 » of these.
    const bad = await admin.request('PUT', `/api/v1/places/${placeId}/profile`, {
      ...body,
      openingHours: 'Mo 18:00-09:00; Tu 10:00-10:00',
    });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().errors).toEqual([
      {
        field: 'openingHours',
        message:
          "Horaires d'ouverture — Lundi : l’heure de fin doit suivre l’heure de début. Mardi : l’heure de fin doit suivre l’heure de début.",
      },
    ]);
    // Hours the national standard's import brought (a night's opening) are kept as they are
    // by the form, which cannot show them: saving the rest of the profile keeps them too.
    await t.database.pool.query('UPDATE place_profiles SET opening_hours = $1 WHERE place_id = $2', [
      'Fr 20:00-02:00',
      placeId,
    ]);
    const kept = await admin.request('PUT', `/api/v1/places/${placeId}/profile`, {
      ...body,
      openingHours: 'Fr 20:00-02:00',
      phone: '03 22 11 11 11',
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().profile.openingHours).toBe('Fr 20:00-02:00');
  });

  it('names the commune with « d’ » before a vowel', async () => {
    const current = (await admin.request('GET', `/api/v1/places/${placeId}/profile`)).json();
    const res = await admin.request('PUT', `/api/v1/places/${placeId}/profile`, {
      ...current.profile,
      name: current.name,
      communeCode: current.communeCode,
      postcode: '75001',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      {
        field: 'postcode',
        message: 'Code postal : 75001 n’est pas un code postal d’Amiens (80000, 80080, 80090).',
      },
    ]);
  });

  it("is read by the place's agents, written by its admin alone, and does not exist for others", async () => {
    const current = (await admin.request('GET', `/api/v1/places/${placeId}/profile`)).json();
    const demoAgent = await sessionOf(t, 'benevole@hautsdefrance.test', DEMO_PASSWORD);
    const mediathequeId = demoAgent.session.memberships.find((m) => m.role === 'place_agent')!
      .organisationId!;
    expect((await demoAgent.request('GET', `/api/v1/places/${mediathequeId}/profile`)).statusCode).toBe(200);
    const put = await demoAgent.request('PUT', `/api/v1/places/${mediathequeId}/profile`, {
      ...current.profile,
      name: 'Médiathèque',
      communeCode: '80021',
    });
    expect(put.statusCode).toBe(403);
    expect((await demoAgent.request('GET', `/api/v1/places/${placeId}/profile`)).statusCode).toBe(404);
    const funder = await sessionOf(t, 'financeur@hautsdefrance.test', DEMO_PASSWORD);
    expect((await funder.request('GET', `/api/v1/places/${placeId}/profile`)).statusCode).toBe(404);
  });

  it('is empty for a place a funder created, until its admin completes it', async () => {
    // A place the funder adds itself (the demo's places come with their description).
    const funder = await sessionOf(t, 'financeur@hautsdefrance.test', DEMO_PASSWORD);
    const hdf = funder.session.memberships[0]!.funderId!;
    const added = await funder.request('POST', `/api/v1/funders/${hdf}/places`, {
      name: 'Médiathèque du Beffroi',
      siret: '21570408700018',
      communeCode: '80021',
    });
    expect(added.statusCode, added.body).toBe(201);
    const mediathequeId: string = added.json().id;
    const lieu = await newAccount(t, {
      funderId: hdf,
      email: 'direction@beffroi.test',
      role: 'place_admin',
      organisationId: mediathequeId,
    });
    const res = await lieu.request('GET', `/api/v1/places/${mediathequeId}/profile`);
    expect(res.json()).toMatchObject({
      name: 'Médiathèque du Beffroi',
      communeCode: '80021',
      profile: null,
    });
    const body = registration();
    const { funderIds: _f, admin: _a, siret: _s, ...profile } = body;
    const put = await lieu.request('PUT', `/api/v1/places/${mediathequeId}/profile`, {
      ...profile,
      name: 'Médiathèque du Beffroi',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().profile.address).toBe(body.address);
  });
});
