import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';

/*
 * Eligibility at hand-out, on the demo's running campaign: its publics carry age bounds,
 * its « Somme » envelope (booklets of 10) is the Somme, the programme is the Region's
 * territory (booklets of 5, outside any envelope), and one person gets 10 passes in all.
 */

let t: TestApp;
let agent: Client;
let missionLocale: string;
let tens: string[];
let fives: string[];

const today = businessDate();
const year = Number(today.slice(0, 4));
/** A birth date making the person `age` today. */
const aged = (age: number) => `${year - age}${today.slice(4)}`;

const person = (over: Record<string, string> = {}) => ({
  firstName: 'Inès',
  lastName: 'Carpentier',
  birthDate: aged(40),
  communeCode: '80021',
  audience: 'demandeur_emploi',
  ...over,
});

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const hdf = await signIn(t.app, 'financeur@hautsdefrance.test');
  agent = await signIn(t.app, 'prescripteur@hautsdefrance.test');
  missionLocale = agent.session.memberships[0]!.organisationId!;
  const funderId = hdf.session.memberships[0]!.funderId!;
  const programs = (await hdf.request('GET', `/api/v1/funders/${funderId}/programs`)).json();
  const campaign = programs.find((p: { state: { name: string } }) => p.state.name.includes('campagne 2026'));
  // The rest of the Somme booklets of 10, then funded booklets of 5 outside any envelope.
  const res = await hdf.request('POST', `/api/v1/programs/${campaign.id}/allocations`, {
    prescriberId: missionLocale,
    count: 20,
  });
  expect(res.statusCode).toBe(201);
  const stock = (await agent.request('GET', `/api/v1/organisations/${missionLocale}/stock`)).json();
  tens = stock.booklets
    .filter((b: { size: number }) => b.size === 10)
    .map((b: { serial: string }) => b.serial);
  fives = stock.booklets
    .filter((b: { size: number }) => b.size === 5)
    .map((b: { serial: string }) => b.serial);
});
afterAll(() => t.close());

const handOut = (serial: string, beneficiary: Record<string, string>) =>
  agent.request('POST', `/api/v1/organisations/${missionLocale}/hand-outs`, { serial, beneficiary });

describe('age bounds of the audience', () => {
  it('refuses a 30-year-old and a person born in 1890 as « 18–25 », accepts a 20-year-old', async () => {
    const thirty = await handOut(
      tens[0]!,
      person({ birthDate: aged(30), audience: 'jeune_18_25_insertion' }),
    );
    expect(thirty.statusCode).toBe(422);
    expect(thirty.json()).toMatchObject({
      code: 'audience_age_mismatch',
      errors: [{ field: 'beneficiary.birthDate' }],
    });
    expect(thirty.json().errors[0].message).toMatch(/au plus 25 ans ; la personne a 30 ans/);
    const old = await handOut(
      tens[0]!,
      person({ birthDate: '1890-05-01', audience: 'jeune_18_25_insertion' }),
    );
    expect(old.statusCode).toBe(422);
    expect(old.json().errors[0].field).toBe('beneficiary.birthDate');
    const senior = await handOut(tens[0]!, person({ birthDate: aged(45), audience: 'senior_60_plus' }));
    expect(senior.json().code).toBe('audience_age_mismatch');
    const ok = await handOut(tens[0]!, person({ birthDate: aged(20), audience: 'jeune_18_25_insertion' }));
    expect(ok.statusCode).toBe(201);
  });
});

describe('birth date', () => {
  it('refuses a booklet to a person born last year, a year typed wrong, whatever the public', async () => {
    const baby = await handOut(tens[3]!, person({ birthDate: aged(1) }));
    expect(baby.statusCode).toBe(422);
    expect(baby.json().errors).toEqual([
      {
        field: 'beneficiary.birthDate',
        message: 'Date de naissance invalide : la personne aurait moins de 12 ans. Vérifiez l’année.',
      },
    ]);
    const eleven = await handOut(tens[3]!, person({ birthDate: aged(11) }));
    expect(eleven.json().errors[0].field).toBe('beneficiary.birthDate');
    const twelve = await handOut(
      tens[3]!,
      person({ birthDate: aged(12), lastName: 'Lefebvre', audience: 'demandeur_emploi' }),
    );
    expect(twelve.statusCode).toBe(201);
  });
});

describe('territory', () => {
  it('refuses a Lille resident a Somme booklet, and a Parisian any booklet of the Region', async () => {
    const lille = await handOut(tens[1]!, person({ firstName: 'Paul', communeCode: '59350' }));
    expect(lille.statusCode).toBe(422);
    expect(lille.json()).toMatchObject({
      code: 'commune_outside_territory',
      errors: [{ field: 'beneficiary.communeCode' }],
    });
    expect(lille.json().errors[0].message).toMatch(/Lille.*Somme/);
    const paris = await handOut(fives[0]!, person({ firstName: 'Paul', communeCode: '75056' }));
    expect(paris.json()).toMatchObject({
      code: 'commune_outside_territory',
      errors: [{ field: 'beneficiary.communeCode' }],
    });
    // Named as the desk chose it, with its département: never the INSEE code nobody knows.
    expect(paris.json().errors[0].message).toBe(
      // One apostrophe throughout, the typographic one of « d’Arras ».
      'La commune de Paris (Paris) n’est pas dans le territoire de ce dispositif.',
    );
    expect(lille.json().errors[0].message).toMatch(/^La commune de Lille \(Nord\) n’est pas/);
    const arras = await handOut(tens[1]!, person({ firstName: 'Paul', communeCode: '62041' }));
    expect(arras.json().errors[0].message).toBe(
      'La commune d’Arras (Pas-de-Calais) n’est pas dans le territoire de l’enveloppe « Somme » de ce carnet.',
    );
    // Lille is in the Region: a booklet outside any envelope is fine.
    const ok = await handOut(fives[0]!, person({ firstName: 'Paul', communeCode: '59350' }));
    expect(ok.statusCode).toBe(201);
  });

  it('finds communes by name or postcode, from the official list', async () => {
    const byName = (await agent.request('GET', '/api/v1/communes?q=amiens')).json();
    expect(byName[0]).toMatchObject({ code: '80021', name: 'Amiens', departement: '80' });
    expect(byName[0].postcodes).toContain('80000');
    const byPostcode = (await agent.request('GET', '/api/v1/communes?q=59000')).json();
    expect(byPostcode.map((c: { code: string }) => c.code)).toContain('59350');
    const accents = (await agent.request('GET', '/api/v1/communes?q=saint%20etienne%20du%20rouvray')).json();
    expect(accents[0].name).toBe('Saint-Étienne-du-Rouvray');
    expect((await agent.request('GET', '/api/v1/communes?q=%00')).statusCode).toBe(422);
  });
});

describe('one person, one beneficiary', () => {
  it('refuses a second booklet to the same person written differently, naming the first hand-out', async () => {
    // Jeannine Dupont got a booklet of 10 from the demo on 2026-02-03: her allowance is used.
    const again = await handOut(
      tens[2]!,
      person({
        firstName: 'JEANNINE',
        lastName: ' dupont ',
        birthDate: '1951-03-14',
        audience: 'senior_60_plus',
      }),
    );
    expect(again.statusCode).toBe(409);
    const body = again.json();
    expect(body.code).toBe('beneficiary_allowance_reached');
    expect(body.errors[0].field).toBe('beneficiary');
    expect(body.detail).toMatch(/remis le 3 février 2026 par Mission locale du Grand Amiénois/);
    expect(body.earlierHandOuts).toEqual([
      expect.objectContaining({
        handedOutOn: '2026-02-03',
        prescriber: 'Mission locale du Grand Amiénois',
        passes: 10,
      }),
    ]);
  });

  it('counts passes against the allowance: two booklets of 5, not a third', async () => {
    const who = { firstName: 'Marie-Hélène', lastName: "D'Hondt", birthDate: aged(50) };
    expect((await handOut(fives[1]!, person(who))).statusCode).toBe(201);
    const second = await handOut(
      fives[2]!,
      person({ firstName: 'marie helene', lastName: 'd’hondt', birthDate: who.birthDate }),
    );
    expect(second.statusCode).toBe(201);
    expect(second.json().beneficiaryId).toBeDefined();
    const third = await handOut(fives[3]!, person({ ...who, firstName: 'MARIE HÉLÈNE' }));
    expect(third.statusCode).toBe(409);
    expect(third.json().earlierHandOuts).toHaveLength(2);
    const { rows } = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM beneficiaries WHERE last_name ILIKE '%hondt'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('is one row per funder in the database, whatever the writer', async () => {
    const insert = (first: string) =>
      t.database.pool.query(
        `INSERT INTO beneficiaries (funder_id, first_name, last_name, birth_date, commune_code, audience)
         SELECT funder_id, $1, 'Lefèvre', '1960-01-01', '80021', 'x' FROM organisations WHERE id = $2`,
        [first, missionLocale],
      );
    await insert('Jean-Luc');
    await expect(insert('JEAN LUC')).rejects.toThrow(/beneficiaries_identity/);
  });

  it('keeps people recorded twice before the rule, marking the later rows as duplicates (migration 0016)', async () => {
    const statements = readFileSync(
      new URL('../../db/migrations/0016_eligibility_corrections.sql', import.meta.url),
      'utf8',
    ).split('--> statement-breakpoint');
    const step = (start: string) => statements.find((s) => s.trim().startsWith(start))!;
    const c = await t.database.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('DROP INDEX beneficiaries_identity');
      const insert = `INSERT INTO beneficiaries (funder_id, first_name, last_name, birth_date, commune_code, audience, created_at)
        SELECT funder_id, $1, 'Martin', '1970-02-02', '80021', 'x', $2 FROM organisations WHERE id = $3 RETURNING id`;
      const first = (await c.query(insert, ['Zoé', '2025-01-01', missionLocale])).rows[0].id;
      const second = (await c.query(insert, ['ZOE', '2025-02-01', missionLocale])).rows[0].id;
      await c.query(step('UPDATE beneficiaries'));
      await c.query(step('CREATE UNIQUE INDEX "beneficiaries_identity"'));
      const { rows } = await c.query('SELECT id, duplicate_of FROM beneficiaries WHERE id = ANY($1)', [
        [first, second],
      ]);
      expect(Object.fromEntries(rows.map((r) => [r.id, r.duplicate_of]))).toEqual({
        [first]: null,
        [second]: first,
      });
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });
});

describe('commune search', () => {
  const communes = async (q: string) => {
    const res = await agent.request('GET', `/api/v1/communes?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    return (res.json() as { code: string; name: string }[]).map((c) => `${c.name} ${c.code}`);
  };

  it('forgives one slip in a name typed as it was said, two in a long one', async () => {
    // Two letters swapped, one missed, one doubled, one wrong in a longer name.
    expect((await communes('Amines'))[0]).toBe('Amiens 80021');
    expect((await communes('Abeville'))[0]).toBe('Abbeville 80001');
    expect((await communes('Strasbourgg'))[0]).toBe('Strasbourg 67482');
    expect(await communes('boulogne sur mre')).toContain('Boulogne-sur-Mer 62160');
  });

  it('guesses nothing when a name starts with what was typed, or when it is short', async () => {
    // « Amien » starts Amiens: the names that start so, not a guess.
    expect((await communes('Amien'))[0]).toBe('Amiens 80021');
    // Four letters: one slip from too many names to mean one.
    expect(await communes('Lile')).toEqual([]);
  });
});
