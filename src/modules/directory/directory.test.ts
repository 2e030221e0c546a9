import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate, parisStartOf } from '../../core/dates.js';
import { checkSymbol } from '../../core/pass-code.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { departementsOf } from '../../core/territory.js';
import { type DemoProfile, saveDemoProfile } from '../../demo/place-profiles.js';
import type { TestApp } from '../../test/app.js';
import { startTestApp } from '../../test/app.js';
import * as funders from '../funders/service.js';
import * as places from '../places/service.js';
import * as programs from '../programs/service.js';
import * as directory from './service.js';

/** Issue 11, point 5: the public directory of the places that take a programme's passes. */

const [DEMARCHES, OUTILS] = STANDARD_SERVICES;
let t: TestApp;
let programId: string;
const ids: Record<string, string> = {};

async function addPlace(funderId: string, name: string, communeCode: string, profile?: DemoProfile) {
  const row = await t.database.db.transaction((tx) =>
    funders.insertOrganisation(tx, null, { funderId, kind: 'place', name, communeCode }),
  );
  if (profile) await saveDemoProfile(t.database.db, row.id, profile);
  ids[name] = row.id;
  return row.id;
}

const profile = (p: Partial<DemoProfile> & Pick<DemoProfile, 'postcode'>): DemoProfile => ({
  address: '1 rue de la Paix',
  latitude: null,
  longitude: null,
  openingHours: null,
  services: [],
  ...p,
});

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const db = t.database.db;
  const { rows } = await db.execute<{ id: string; funderId: string }>(sql`
    SELECT p.id, p.funder_id AS "funderId" FROM programs p JOIN funders f ON f.id = p.funder_id
    WHERE f.name = 'Région Hauts-de-France' AND program_allows(p.id, current_date, 'redeem')`);
  programId = rows[0]!.id;
  const hdf = rows[0]!.funderId;
  const approve = (id: string) => places.acceptProgram(db, null, programId, id);
  await approve(
    await addPlace(
      hdf,
      'Test Amiens Nord',
      '80021',
      profile({
        postcode: '80000',
        latitude: 49.91,
        longitude: 2.295,
        openingHours: 'Mo-Fr 09:00-17:00',
        services: [DEMARCHES!, OUTILS!],
      }),
    ),
  );
  await approve(
    await addPlace(
      hdf,
      'Test Amiens Sud',
      '80021',
      profile({ postcode: '80090', latitude: 49.88, longitude: 2.3, services: [OUTILS!] }),
    ),
  );
  await approve(
    await addPlace(
      hdf,
      'Test Abbeville',
      '80001',
      profile({
        postcode: '80100',
        latitude: 50.1054,
        longitude: 1.8331,
        openingHours: '24/7',
        services: [DEMARCHES!],
      }),
    ),
  );
  await approve(
    await addPlace(
      hdf,
      'Test sans coordonnées',
      '80021',
      profile({ postcode: '80000', services: [DEMARCHES!] }),
    ),
  );
  const suspended = await addPlace(
    hdf,
    'Test suspendu',
    '80021',
    profile({
      postcode: '80000',
      latitude: 49.9,
      longitude: 2.29,
      openingHours: '24/7',
      services: [DEMARCHES!],
    }),
  );
  await approve(suspended);
  await places.decide(db, null, programId, suspended, { decision: 'suspended', reason: 'Contrôle en cours' });
  // On the roster with a profile, never approved; approved without a profile.
  await addPlace(hdf, 'Test non qualifié', '80021', profile({ postcode: '80000', services: [DEMARCHES!] }));
  await approve(await addPlace(hdf, 'Test sans fiche', '80021'));
  // Overseas places (not named « Test … »: the other searches' lists leave them out).
  for (const [name, commune, postcode] of [
    ['Outre-mer Pointe-à-Pitre', '97120', '97110'],
    ['Outre-mer Saint-Denis', '97411', '97400'],
  ] as const)
    await approve(
      await addPlace(hdf, name, commune, profile({ postcode, openingHours: 'Mo-Fr 08:00-16:00; PH off' })),
    );
});
afterAll(() => t.close());

const get = (url: string, remoteAddress = '192.0.2.1') => t.app.inject({ method: 'GET', url, remoteAddress });
const search = async (query: string) => {
  const res = await get(`/api/v1/public/programs/${programId}/places?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().places as {
    id: string;
    name: string;
    postcode: string;
    communeCode: string;
    communeName: string;
    services: string[];
    openNow: boolean;
    distanceKm: number | null;
  }[];
};
const names = (list: { name: string }[]) => list.map((p) => p.name).filter((n) => n.startsWith('Test '));

describe('the public directory', () => {
  it('lists the programmes whose passes can be used and that have places, without signing in', async () => {
    const res = await get('/api/v1/public/programs');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toContainEqual({
      id: programId,
      name: expect.any(String),
      funderName: 'Région Hauts-de-France',
      // Its funder's territory (the région), for the map's view when no place is on it.
      departements: ['02', '59', '60', '62', '80'],
    });
  });

  it('names the départements of a territory, overseas too (the map’s view without a place)', () => {
    expect(departementsOf([{ level: 'region', code: '04' }])).toEqual(['974']);
    expect(departementsOf([{ level: 'commune', code: '97120' }])).toEqual(['971']);
    expect(
      departementsOf([
        { level: 'departement', code: '972' },
        { level: 'departement', code: '971' },
      ]),
    ).toEqual(['971', '972']);
    expect(departementsOf([{ level: 'departement', code: '999' }])).toEqual([]);
    expect(departementsOf([])).toEqual([]);
  });

  it('filters by commune, with the answer the contract names', async () => {
    const list = await search('commune=80021');
    expect(names(list).sort()).toEqual(['Test Amiens Nord', 'Test Amiens Sud', 'Test sans coordonnées']);
    expect(list.every((p) => p.communeCode === '80021' && p.communeName === 'Amiens')).toBe(true);
    expect(list.find((p) => p.name === 'Test Amiens Nord')).toEqual({
      id: ids['Test Amiens Nord'],
      name: 'Test Amiens Nord',
      address: '1 rue de la Paix',
      postcode: '80000',
      communeCode: '80021',
      communeName: 'Amiens',
      latitude: 49.91,
      longitude: 2.295,
      services: [DEMARCHES, OUTILS],
      openingHours: 'Mo-Fr 09:00-17:00',
      openNow: expect.any(Boolean),
      distanceKm: null,
    });
  });

  it('offers the places of the intercommunality, then of the département, when the commune has none', async () => {
    const wider = async (query: string) => {
      const res = await get(`/api/v1/public/programs/${programId}/places?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        places: unknown[];
        wider: { level: string; name: string; places: { name: string; services: string[] }[] } | null;
      };
    };
    // Longueau has no place; the CA Amiens Métropole has the demo's Médiathèque and three in Amiens.
    const longueau = await wider('commune=80489');
    expect(longueau.places).toEqual([]);
    expect(longueau.wider).toMatchObject({ level: 'epci', name: 'CA Amiens Métropole' });
    expect(longueau.wider!.places.map((p) => p.name).sort()).toEqual([
      'Médiathèque Louis Aragon',
      'Test Amiens Nord',
      'Test Amiens Sud',
      'Test sans coordonnées',
    ]);
    // The service asked for holds there too.
    const withService = await wider(`commune=80489&service=${encodeURIComponent(OUTILS!)}`);
    expect(withService.wider!.places.map((p) => p.name).sort()).toEqual([
      'Médiathèque Louis Aragon',
      'Test Amiens Nord',
      'Test Amiens Sud',
    ]);
    expect(withService.wider!.places.every((p) => p.services.includes(OUTILS!))).toBe(true);
    // Y, in the CC de l'Est de la Somme, has none in its intercommunality: the Somme's are offered.
    const y = await wider('commune=80829');
    expect(y.wider).toMatchObject({ level: 'departement', name: 'Somme' });
    expect(y.wider!.places.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Test Abbeville', 'Test Amiens Nord']),
    );
    // A commune with places gets them, and nothing wider.
    expect((await wider('commune=80021')).wider).toBeNull();
  });

  it('says the programme’s territory when the commune searched lies outside it, rather than only « no place »', async () => {
    const result = async (query: string) => {
      const res = await get(`/api/v1/public/programs/${programId}/places?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { places: unknown[]; wider: unknown; outsideTerritory: string[] | null };
    };
    // Bordeaux: no place, none around, and not in the Hauts-de-France the Région's passes are for.
    const bordeaux = await result('commune=33063');
    expect(bordeaux).toMatchObject({ places: [], wider: null, outsideTerritory: ['Hauts-de-France'] });
    // Inside the territory, « no place » has other reasons: nothing is said of the territory.
    expect((await result('commune=80489')).outsideTerritory).toBeNull();
    expect(
      (await result(`commune=80829&service=${encodeURIComponent(OUTILS!)}&openNow=true`)).outsideTerritory,
    ).toBeNull();
    expect((await result('commune=80021')).outsideTerritory).toBeNull();
  });

  it('never lists a suspended place, an unqualified one or one without a profile', async () => {
    const all = names(await search(''));
    expect(all).toEqual(expect.arrayContaining(['Test Amiens Nord', 'Test Abbeville']));
    for (const absent of ['Test suspendu', 'Test non qualifié', 'Test sans fiche'])
      expect(all).not.toContain(absent);
  });

  it('filters by postcode', async () => {
    const list = await search('postcode=80100');
    expect(names(list)).toEqual(['Test Abbeville']);
    expect(list.every((p) => p.postcode === '80100')).toBe(true);
  });

  it('filters by distance and sorts by it, nearest first', async () => {
    // From Amiens's town hall: Nord is 1.8 km away, Sud 1.6 km, Abbeville 38 km.
    const near = await search('lat=49.8941&lon=2.2958&radiusKm=10');
    expect(names(near)).toEqual(['Test Amiens Sud', 'Test Amiens Nord']);
    const km = near.map((p) => p.distanceKm!);
    expect(km).toEqual([...km].sort((a, b) => a - b));
    expect(near.find((p) => p.name === 'Test Amiens Sud')!.distanceKm).toBeCloseTo(1.6, 0);
    // Without a radius: every place, by distance, the ones without coordinates last.
    const all = await search('lat=49.8941&lon=2.2958');
    const mine = all.filter((p) => p.name.startsWith('Test '));
    expect(mine.map((p) => p.name)).toEqual([
      'Test Amiens Sud',
      'Test Amiens Nord',
      'Test Abbeville',
      'Test sans coordonnées',
    ]);
    expect(mine.at(-1)!.distanceKm).toBeNull();
    expect(mine[2]!.distanceKm).toBeGreaterThan(35);
  });

  it('filters by service', async () => {
    const list = await search(`service=${encodeURIComponent(DEMARCHES!)}`);
    expect(names(list).sort()).toEqual(['Test Abbeville', 'Test Amiens Nord', 'Test sans coordonnées']);
    expect(list.every((p) => p.services.includes(DEMARCHES!))).toBe(true);
  });

  it('tells which places are open at an instant, Paris time (no hours: not open)', async () => {
    const at = async (instant: string) =>
      names(
        (await directory.searchPlaces(t.database.db, programId, { openNow: 'true' }, new Date(instant)))
          .places,
      );
    // A Tuesday in winter, 9:30 in Paris (8:30 UTC): Nord opens at 9; Sud has no hours.
    expect((await at('2026-12-01T08:30:00Z')).sort()).toEqual(['Test Abbeville', 'Test Amiens Nord']);
    // 8:30 in Paris: not yet.
    expect(await at('2026-12-01T07:30:00Z')).toEqual(['Test Abbeville']);
    // A Saturday: closed.
    expect(await at('2026-12-05T10:00:00Z')).toEqual(['Test Abbeville']);
    // Over HTTP, the flag and the filter agree.
    const open = await search('openNow=true');
    expect(open.every((p) => p.openNow)).toBe(true);
    expect(names(open)).toContain('Test Abbeville');
    expect(names(open)).not.toContain('Test Amiens Sud');
  });

  it('reads an overseas place’s hours on its own clock, in the search and on its page', async () => {
    const overseas = async (instant: string) =>
      (await directory.searchPlaces(t.database.db, programId, { openNow: 'true' }, new Date(instant))).places
        .map((p) => p.name)
        .filter((n) => n.startsWith('Outre-mer '));
    // Monday 30 November 2026, 14 h 33 in Pointe-à-Pitre, 22 h 33 in Saint-Denis (19 h 33 in Paris).
    expect(await overseas('2026-11-30T18:33:00Z')).toEqual(['Outre-mer Pointe-à-Pitre']);
    // 9 h in Saint-Denis, 1 h in Pointe-à-Pitre (6 h in Paris).
    expect(await overseas('2026-11-30T05:00:00Z')).toEqual(['Outre-mer Saint-Denis']);
    // 17 h 30 in Saint-Denis, 9 h 30 in Pointe-à-Pitre (14 h 30 in Paris).
    expect(await overseas('2026-11-30T13:30:00Z')).toEqual(['Outre-mer Pointe-à-Pitre']);
    const page = await directory.placePage(
      t.database.db,
      ids['Outre-mer Pointe-à-Pitre']!,
      new Date('2026-11-30T18:33:00Z'),
    );
    expect(page.openNow).toBe(true);
  });

  it('refuses bad filters naming the field, and an unknown programme with 404', async () => {
    const res = await get(`/api/v1/public/programs/${programId}/places?radiusKm=5`);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('radiusKm');
    const bad = await get(`/api/v1/public/programs/${programId}/places?service=Cuisine`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('querystring.service');
    const unknown = await get('/api/v1/public/programs/00000000-0000-4000-8000-000000000000/places');
    expect(unknown.statusCode).toBe(404);
    // The Pas-de-Calais's programme is closed: the place it approved (shared with the Région) is not listed.
    const { rows } = await t.database.db.execute<{ id: string }>(sql`
      SELECT p.id FROM programs p JOIN funders f ON f.id = p.funder_id
      JOIN program_places pp ON pp.program_id = p.id WHERE f.name = 'Département du Pas-de-Calais' LIMIT 1`);
    expect((await get(`/api/v1/public/programs/${rows[0]!.id}/places`)).statusCode).toBe(404);
  });

  it("shows a place's page: address, hours per day in French, services, programmes", async () => {
    const res = await get(`/api/v1/public/places/${ids['Test Amiens Nord']}`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({
      name: 'Test Amiens Nord',
      address: '1 rue de la Paix',
      postcode: '80000',
      communeName: 'Amiens',
      services: [DEMARCHES, OUTILS],
      programs: [{ id: programId, funderName: 'Région Hauts-de-France' }],
    });
    // No-break spaces inside each time and before the dash (hours.test.ts).
    expect(page.hours[0]).toEqual({ day: 'lundi', hours: '9\u00a0h\u00a000\u00a0– 17\u00a0h\u00a000' });
    expect(page.hours[6]).toEqual({ day: 'dimanche', hours: 'Fermé' });
    const always = (await get(`/api/v1/public/places/${ids['Test Abbeville']}`)).json();
    expect(always.hours[2]).toEqual({ day: 'mercredi', hours: '24\u00a0h sur 24' });
    for (const hidden of ['Test suspendu', 'Test non qualifié', 'Test sans fiche'])
      expect((await get(`/api/v1/public/places/${ids[hidden]}`)).statusCode).toBe(404);
  });

  it('tells on a place’s page when a closed place opens next, and what one pass is worth', async () => {
    // Today at 23:00 in Paris: Test Amiens Nord (Mo-Fr 09:00-17:00) is closed, whatever the day.
    const late = new Date(+parisStartOf(businessDate()) + 23 * 3_600_000);
    const page = await directory.placePage(t.database.db, ids['Test Amiens Nord']!, late);
    expect(page.openNow).toBe(false);
    expect(page.opensNext).toMatch(/^(demain|lundi) à 9\u00a0h$/);
    const state = await programs.stateAsOf(t.database.db, programId, businessDate());
    expect(page.programs).toEqual([
      expect.objectContaining({ id: programId, faceValueCents: state!.faceValueCents }),
    ]);
    expect(state!.faceValueCents).toBeGreaterThan(0);
    // Open, or without hours: nothing to tell.
    const open = await directory.placePage(t.database.db, ids['Test Abbeville']!, late);
    expect(open.opensNext).toBeNull();
  });

  it("gives a pass's programme, and nothing else, to its QR landing page", async () => {
    const { rows } = await t.database.db.execute<{ code: string }>(
      sql`SELECT code FROM passes WHERE program_id = ${programId} LIMIT 1`,
    );
    const res = await get(`/api/v1/public/passes/${rows[0]!.code}/directory`);
    expect(res.statusCode).toBe(200);
    // The programme's public facts, not the pass's: its state, value and holder stay unsaid.
    const state = await programs.stateAsOf(t.database.db, programId, businessDate());
    expect(res.json()).toEqual({
      programId,
      programName: state!.name,
      funderName: 'Région Hauts-de-France',
      usableUntil: state!.calendar.usageEnd,
    });
    expect(state!.name).toMatch(/Hauts-de-France/);
    const body = '2222222222222';
    const unknown = await get(`/api/v1/public/passes/${body}${checkSymbol(body)}/directory`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('unknown_code');
    // A mistyped code on the landing page names what to correct.
    const typo = await get('/api/v1/public/passes/-1/directory');
    expect(typo.statusCode).toBe(422);
    expect(typo.json()).toMatchObject({ code: 'malformed_code', errors: [{ field: 'code' }] });
  });

  it('lets anonymous visitors search communes by name (the shared territory search)', async () => {
    const res = await get('/api/v1/territories?q=amiens&levels=commune');
    expect(res.statusCode).toBe(200);
    expect(res.json()[0]).toMatchObject({ code: '80021', name: 'Amiens', level: 'commune' });
  });

  it('limits the requests per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++)
      statuses.push((await get('/api/v1/public/programs', '198.51.100.7')).statusCode);
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses[120]).toBe(429);
    // Another address is not affected.
    expect((await get('/api/v1/public/programs', '198.51.100.8')).statusCode).toBe(200);
  });
});
