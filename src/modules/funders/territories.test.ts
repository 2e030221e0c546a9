import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';

/** Issue 11, point 1: a territory is found by its name, never typed as a code. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const search = async (query: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/territories?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json() as { level: string; code: string; name: string; label: string }[];
};

describe('territory search', () => {
  it('finds "verdun" as the commune of the Meuse and the EPCI of the Grand Verdun, without signing in', async () => {
    const found = await search('q=verdun');
    const labels = found.map((f) => f.label);
    expect(labels).toContain('Verdun (55100) — commune');
    expect(labels).toContain('CA du Grand Verdun (Meuse) — EPCI');
    expect(found.find((f) => f.label === 'CA du Grand Verdun (Meuse) — EPCI')).toMatchObject({
      level: 'epci',
      code: '200049187',
    });
    // The larger Verdun (Meuse) comes before the small one of the Ariège.
    expect(found[0]).toMatchObject({ level: 'commune', code: '55545', name: 'Verdun' });
    expect(found.length).toBeLessThanOrEqual(10);
  });

  it('ignores accents and case, matches words inside a name, and names départements and régions', async () => {
    expect((await search('q=MEUSE&levels=departement'))[0]?.label).toBe('Meuse (55) — département');
    expect((await search('q=grand%20est&levels=region'))[0]?.label).toBe('Grand Est — région');
    const stEtienne = await search('q=saint%20etienne&levels=commune');
    expect(stEtienne[0]).toMatchObject({ name: 'Saint-Étienne', code: '42218' });
    expect((await search('q=grand%20verdun'))[0]?.label).toBe('CA du Grand Verdun (Meuse) — EPCI');
  });

  it('says the département of an EPCI, so that two of close names are told apart', async () => {
    // « CC des 2 Vallées » next to « CC des Deux Vallées » could not be told apart.
    const labels = (await search('q=vallees&levels=epci')).map((f) => f.label);
    expect(labels).toEqual(
      expect.arrayContaining(['CC des 2 Vallées (Essonne) — EPCI', 'CC des Deux Vallées (Oise) — EPCI']),
    );
    expect((await search('q=cc%20des%207&levels=epci'))[0]?.label).toBe(
      'CC des 7 Vallées (Pas-de-Calais) — EPCI',
    );
  });

  it('reads « Communauté de communes », « d’agglomération », « urbaine » as CC, CA, CU and the reverse', async () => {
    // « Communauté de communes des 7 » found nothing while « CC des 7 » did.
    const first = async (q: string) => (await search(`q=${encodeURIComponent(q)}&levels=epci`))[0]?.name;
    expect(await first('Communauté de communes des 7')).toBe('CC des 7 Vallées');
    expect(await first('communaute d’agglomeration du grand verdun')).toBe('CA du Grand Verdun');
    expect(await first('Communauté urbaine d’Arras')).toBe("CU d'Arras"); // the official data's apostrophe;
    const spelledOut = (await search('q=communaute%20de%20communes&levels=epci')).map((f) => f.name);
    expect(spelledOut.length).toBeGreaterThan(0);
    expect(spelledOut.every((n) => n.startsWith('CC ') || /^Communauté de communes/i.test(n))).toBe(true);
  });

  it('reads « St » and « Ste » as people write them, and a postcode typed with a space', async () => {
    // The desk said « Aucune commune du territoire de ce carnet ne correspond » for these.
    const stValery = await search('q=St%20Valery%20sur&levels=commune');
    expect(stValery[0]).toMatchObject({ name: 'Saint-Valery-sur-Somme', code: '80721' });
    const ste = await search('q=ste%20genevieve%20des%20bois&levels=commune');
    expect(ste.map((f) => f.name)).toContain('Sainte-Geneviève-des-Bois');
    const spaced = await search('q=80%20100&levels=commune');
    expect(spaced.map((f) => f.name)).toContain('Abbeville');
    // « st » alone is still the start of a name (Strasbourg, Steenvoorde…).
    expect((await search('q=strasb&levels=commune'))[0]?.name).toBe('Strasbourg');
    expect((await search('q=st&levels=commune')).some((f) => f.name.startsWith('St'))).toBe(true);
  });

  it('finds communes by postcode, and only the levels asked for', async () => {
    const byPostcode = await search('q=55100&levels=commune');
    expect(byPostcode.map((f) => f.name)).toContain('Verdun');
    expect(byPostcode.every((f) => f.level === 'commune')).toBe(true);
    const onlyEpci = await search('q=verdun&levels=epci');
    expect(onlyEpci.map((f) => f.level)).toEqual(['epci']);
  });

  it('limits the answer and refuses a level that does not exist, naming the field', async () => {
    expect(await search('q=sa&limit=5')).toHaveLength(5);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/territories?q=verdun&levels=canton' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('querystring.levels');
  });

  it('offers only the communes within every territory asked for: where a booklet’s beneficiary may live', async () => {
    // Saint-Quentin is a town of the Aisne; in the Somme, only villages bear the name.
    const everywhere = await search('q=saint%20quentin&levels=commune&limit=50');
    expect(everywhere.map((f) => f.code)).toContain('02691');
    const inSomme = await search(
      `q=saint%20quentin&levels=commune&limit=50&within=${encodeURIComponent('region:32;departement:80,departement:60')}`,
    );
    expect(inSomme.length).toBeGreaterThan(0);
    expect(inSomme.map((f) => f.code)).not.toContain('02691');
    for (const f of inSomme) expect(f.label).toMatch(/\((80|60)\d{3}\) — commune$/);
    // Outside the region, nothing: the two groups must both hold.
    expect(
      await search(`q=verdun&levels=commune&within=${encodeURIComponent('region:32;departement:55')}`),
    ).toEqual([]);
  });

  it('offers only the EPCIs, départements and regions lying whole within the territory: an envelope’s in its funder’s', async () => {
    const within = (q: string, levels: string, territory: string) =>
      search(`q=${encodeURIComponent(q)}&levels=${levels}&within=${encodeURIComponent(territory)}`);
    expect((await within('somme', 'departement', 'region:32')).map((f) => f.code)).toEqual(['80']);
    expect(await within('somme', 'departement', 'region:53')).toEqual([]);
    const epcis = await within('amiens', 'epci', 'departement:80');
    expect(epcis.length).toBeGreaterThan(0);
    expect(await within('amiens', 'epci', 'departement:55')).toEqual([]);
    // Every level at once, as the envelope's field asks: Brest is not in the Hauts-de-France.
    const brest = await within('brest', 'commune,epci,departement,region', 'region:32');
    expect(brest.map((f) => f.label).filter((l) => /Brest/.test(l))).toEqual([]);
    expect((await search('q=brest&levels=commune,epci')).length).toBeGreaterThan(0);
  });

  it('refuses a territory filter it cannot read, naming the field', async () => {
    for (const query of ['q=amiens&levels=commune&within=canton:12', 'q=amiens&within=departement']) {
      const bad = await t.app.inject({ method: 'GET', url: `/api/v1/territories?${query}` });
      expect(bad.statusCode, query).toBe(422);
      expect(bad.json().errors[0].field, query).toBe('querystring.within');
    }
  });
});
