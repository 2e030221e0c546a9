import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../core/dates.js';
import { startTestApp, type TestApp } from '../test/app.js';
import { type Circulation, demoCampaign, placeKey } from '../test/circulation.js';

// A finance officer who types one zero too many hears the limit in words and euros, at the
// field: « Trop grand : nombre doit être <=10000000000000 » was an amount in cents.
let t: TestApp;
let c: Circulation;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
});
afterAll(() => t.close());

const fieldMessage = (body: { errors: { field: string; message: string }[] }, field: string) =>
  body.errors.find((e) => e.field === field)?.message.replace(/[\u202f\u00a0]/g, ' ');

describe('a value past its limit', () => {
  it('says an amount’s limit in euros', async () => {
    const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
      payer: 'Région Hauts-de-France',
      amountCents: 20_000_000_000_000,
      receivedOn: businessDate(),
      reference: 'TROP',
    });
    expect(res.statusCode).toBe(422);
    expect(fieldMessage(res.json(), 'amountCents')).toBe('Au plus 100 000 000 000,00 €.');
    expect(res.json().detail).not.toMatch(/<=|amountCents/);
  });

  it('says a count’s limit with its thousands, and a text’s in characters', async () => {
    const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/envelopes`, {
      name: 'x'.repeat(500),
      cap: 99_999_999_999,
      effectiveOn: businessDate(),
    });
    expect(res.statusCode).toBe(422);
    expect(fieldMessage(res.json(), 'cap')).toMatch(/^Au plus \d{1,3}( \d{3})+\.$/);
    expect(fieldMessage(res.json(), 'name')).toMatch(/^Au plus \d+ caractères\.$/);
  });

  it('says a count’s floor', async () => {
    const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/issues`, {
      bookletCount: 0,
      bookletSize: 10,
    });
    expect(res.statusCode).toBe(422);
    expect(fieldMessage(res.json(), 'bookletCount')).toBe('Au moins 1.');
  });

  it('says which booklet sizes exist, not « Entrée invalide »', async () => {
    const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/issues`, {
      bookletCount: 1,
      bookletSize: 7,
    });
    expect(res.statusCode).toBe(422);
    expect(fieldMessage(res.json(), 'bookletSize')).toBe('Taille de carnet : 5 ou 10 pass.');
  });
});

describe('a field left out', () => {
  it('is said to be required, not « chaîne de caractères attendu, indéfini reçu »', async () => {
    const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/envelopes`, {
      cap: 100,
      effectiveOn: businessDate(),
    });
    expect(res.statusCode).toBe(422);
    expect(fieldMessage(res.json(), 'name')).toBe('Ce champ est obligatoire.');
  });
});

describe('a value of the wrong kind', () => {
  it('is said in plain French, not « chaîne de caractères attendu, null reçu »', async () => {
    const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/envelopes`, {
      name: null,
      cap: 'cent',
      effectiveOn: businessDate(),
    });
    expect(res.statusCode).toBe(422);
    expect(fieldMessage(res.json(), 'name')).toBe(
      'Texte attendu, valeur vide (null) reçue : donnez une valeur, ou omettez le champ s’il est facultatif.',
    );
    expect(fieldMessage(res.json(), 'cap')).toBe('Nombre attendu, texte reçu.');
  });
});

describe('an identifier that is not one', () => {
  it('says what an identifier looks like, not « UUID invalide »', async () => {
    const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
      prescriberId: 'Mission locale de Lens',
      count: 1,
    });
    expect(res.statusCode).toBe(422);
    const message = fieldMessage(res.json(), 'prescriberId');
    expect(message).toMatch(/^Identifiant invalide : attendu celui que la plateforme donne \(36 caractères/);
    expect(message).not.toMatch(/UUID/);
  });
});

/** Found by a vendor building its software from the API document: the words of a few edge cases. */
describe('what a place’s software sends wrong', () => {
  let key: string;
  let place: string;
  beforeAll(async () => {
    place = c.organisations['Médiathèque Louis Aragon']!;
    key = await placeKey(t, place);
  });
  const send = (payload: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/redemptions',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload,
    });
  const list = (query: string) =>
    t.app.inject({
      url: `/api/v1/places/${place}/redemptions${query}`,
      headers: { authorization: `Bearer ${key}` },
    });

  it('says a choice left out is required, not « Option invalide »', async () => {
    const res = await send('{}');
    expect(res.statusCode).toBe(422);
    expect(fieldMessage(res.json(), 'format')).toBe('Ce champ est obligatoire.');
  });

  it('says which values a choice takes, in French', async () => {
    const res = await send('{"format":"solo"}');
    expect(fieldMessage(res.json(), 'format')).toBe(
      'Valeur inconnue : « individual » ou « collective » attendu.',
    );
  });

  it('does not call a number that is none, or too large to be one, « nombre »', async () => {
    const huge = await send('{"durationMinutes":1e400}');
    expect(fieldMessage(huge.json(), 'durationMinutes')).toBe('Nombre attendu, nombre trop grand reçu.');
    const twice = await list('?limit=2&limit=3');
    expect(twice.statusCode).toBe(422);
    expect(fieldMessage(twice.json(), 'querystring.limit')).toBe(
      'Nombre attendu, valeur non numérique reçue.',
    );
  });

  it('says the limit of a whole number in words, not the library’s « entier doit être <= »', async () => {
    const res = await list('?before=99999999999999999999');
    expect(res.statusCode).toBe(422);
    expect(fieldMessage(res.json(), 'querystring.before')).toBe('Au plus 9 007 199 254 740 991.');
  });
});
