import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';

/**
 * Issue 11, point 1: a funder admin sets its territory by name and its bank account on its
 * settings page; a change is a new version of the account, and both are in the audit trail.
 */
let t: TestApp;
let admin: Client;
let viewer: Client;
let funderId: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  admin = await signIn(t.app, 'financeur@hautsdefrance.test');
  viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
  funderId = admin.session.memberships.find((m) => m.role === 'funder_admin')!.funderId!;
});
afterAll(() => t.close());

const url = () => `/api/v1/funders/${funderId}/settings`;
const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const account = (overrides: Record<string, unknown> = {}) => ({
  bankAccount: { iban: IBAN, bic: 'agrifrpp', holder: 'Région Hauts-de-France', ...overrides },
});

describe('funder settings', () => {
  it('sets the territory, keeping the old and new value in the audit trail', async () => {
    const before = (await admin.request('GET', url())).json();
    const res = await admin.request('PATCH', url(), {
      territory: [
        { level: 'region', code: '32' },
        { level: 'epci', code: '200049187' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().territory.map((x: { label: string }) => x.label)).toEqual([
      'Hauts-de-France — région',
      'CA du Grand Verdun (Meuse) — EPCI',
    ]);
    const audit = (await admin.request('GET', `/api/v1/funders/${funderId}/audit`)).json();
    const entry = audit.entries.find((e: { action: string }) => e.action === 'funder.territory_change');
    expect(entry.summary.before).toEqual(
      before.territory.map(({ level, code }: { level: string; code: string }) => ({ level, code })),
    );
    expect(entry.summary.after).toEqual([
      { level: 'region', code: '32' },
      { level: 'epci', code: '200049187' },
    ]);
    // The journal names them: « région 32 » said nothing to a reader.
    expect(entry.details).toContain('Après : région Hauts-de-France, EPCI CA du Grand Verdun');
  });

  it('refuses a territory that would leave an envelope outside it, and keeps the one it had', async () => {
    const before = (await admin.request('GET', url())).json().territory;
    // Arras only: the campaign's envelope covers the Somme.
    const res = await admin.request('PATCH', url(), { territory: [{ level: 'commune', code: '62041' }] });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('territory_leaves_envelopes');
    expect(res.json().errors).toContainEqual({
      field: 'territory',
      message: expect.stringContaining(
        'L’enveloppe « Somme » (Somme (80) — département) ne serait plus dans le territoire',
      ),
    });
    expect((await admin.request('GET', url())).json().territory).toEqual(before);
  });

  it('refuses an unknown territory and an empty one, naming the field', async () => {
    const res = await admin.request('PATCH', url(), { territory: [{ level: 'commune', code: '99999' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('territory.0.code');
    const empty = await admin.request('PATCH', url(), { territory: [] });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0].field).toBe('territory');
  });

  it('records the bank account normalised, masked to a viewer, each change a new version', async () => {
    const first = await admin.request('PATCH', url(), account());
    expect(first.statusCode).toBe(200);
    expect(first.json().bankAccount).toMatchObject({
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPP',
      holder: 'Région Hauts-de-France',
    });
    const second = await admin.request(
      'PATCH',
      url(),
      account({ iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', holder: 'Trésorerie régionale' }),
    );
    expect(second.statusCode).toBe(200);
    const seen = (await admin.request('GET', url())).json();
    expect(seen.bankAccount.iban).toBe('DE89370400440532013000');
    // Latest first; the demo recorded the Region's account once already (demo/payments.ts).
    expect(seen.bankAccountHistory.map((a: { holder: string }) => a.holder).slice(0, 2)).toEqual([
      'Trésorerie régionale',
      'Région Hauts-de-France',
    ]);
    const masked = (await viewer.request('GET', url())).json();
    expect(masked.bankAccount.iban).toBe('DE•• •••• •••• •••• ••30 00');
    expect(JSON.stringify(masked)).not.toContain('0532013000');
    const audit = (await admin.request('GET', `/api/v1/funders/${funderId}/audit`)).json();
    const change = audit.entries.find((e: { action: string }) => e.action === 'funder.bank_account_change');
    expect(change.summary.before.iban).toBe('FR•• •••• •••• •••• •••• •••0 189');
    expect(change.summary.after).toMatchObject({ iban: 'DE•• •••• •••• •••• ••30 00', bic: 'COBADEFFXXX' });
  });

  it('names the bad field in French: a wrong check digit, a non-SEPA country, a bad BIC, no holder', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { iban: 'FR76 3000 6000 0112 3456 7890 188' },
        'bankAccount.iban',
        'IBAN invalide : vérifiez la clé de contrôle',
      ],
      [{ iban: 'BR1800360305000010009795493C1' }, 'bankAccount.iban', 'zone SEPA'],
      [{ iban: 'n’importe quoi' }, 'bankAccount.iban', 'IBAN invalide'],
      [{ bic: 'AGRI' }, 'bankAccount.bic', 'BIC invalide'],
      [{ holder: ' ' }, 'bankAccount.holder', 'titulaire'],
    ];
    for (const [bad, field, message] of cases) {
      const res = await admin.request('PATCH', url(), account(bad));
      expect(res.statusCode, JSON.stringify(bad)).toBe(422);
      const issue = res.json().errors.find((e: { field: string }) => e.field === field);
      expect(issue?.message, JSON.stringify(bad)).toContain(message);
    }
  });

  it('lets only the funder admin write; a viewer reads, another funder finds nothing', async () => {
    expect((await viewer.request('PATCH', url(), account())).statusCode).toBe(403);
    expect((await viewer.request('GET', url())).statusCode).toBe(200);
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await other.request('GET', url())).statusCode).toBe(404);
    expect((await other.request('PATCH', url(), account())).statusCode).toBe(404);
    const prescriber = await signIn(t.app, 'prescripteur@hautsdefrance.test');
    expect((await prescriber.request('GET', url())).statusCode).toBe(403);
  });

  it('sets the funder’s rule for unusual days, named in French when wrong, journalled, for its admins only', async () => {
    expect((await admin.request('GET', url())).json().unusualDay).toEqual({ minimum: 20, factor: 3 });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ minimum: 4, factor: 3 }, 'unusualDay.minimum', 'à partir de 5 pass au moins'],
      [{ minimum: 501, factor: 3 }, 'unusualDay.minimum', 'à partir de 500 pass au plus'],
      [{ minimum: 12.5, factor: 3 }, 'unusualDay.minimum', 'nombre entier'],
      [{ minimum: '30', factor: 3 }, 'unusualDay.minimum', 'Indiquez le nombre de pass'],
      [{ minimum: 30, factor: 6 }, 'unusualDay.factor', 'Choisissez 2, 3, 4 ou 5 fois'],
      [{ minimum: 30 }, 'unusualDay.factor', 'Choisissez combien de fois'],
    ];
    for (const [bad, field, message] of cases) {
      const res = await admin.request('PATCH', url(), { unusualDay: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(422);
      const issue = res.json().errors.find((e: { field: string }) => e.field === field);
      expect(issue?.message, JSON.stringify(bad)).toContain(message);
    }
    // The database keeps the rule too, whoever writes.
    await expect(
      t.database.pool.query('UPDATE funders SET unusual_day_factor = 7 WHERE id = $1', [funderId]),
    ).rejects.toThrow(/funders_unusual_day_factor/);
    expect(
      (await viewer.request('PATCH', url(), { unusualDay: { minimum: 30, factor: 4 } })).statusCode,
    ).toBe(403);
    expect((await admin.request('GET', url())).json().unusualDay).toEqual({ minimum: 20, factor: 3 });

    const res = await admin.request('PATCH', url(), { unusualDay: { minimum: 30, factor: 4 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unusualDay).toEqual({ minimum: 30, factor: 4 });
    expect((await viewer.request('GET', url())).json().unusualDay).toEqual({ minimum: 30, factor: 4 });
    const audit = (await admin.request('GET', `/api/v1/funders/${funderId}/audit`)).json();
    const entries = audit.entries.filter((e: { action: string }) => e.action === 'funder.unusual_day_change');
    expect(entries).toHaveLength(1);
    expect(entries[0].summary).toEqual({
      before: { minimum: 20, factor: 3 },
      after: { minimum: 30, factor: 4 },
    });
    expect(entries[0].actionLabel).toBe('Seuil des journées inhabituelles modifié');
    expect(entries[0].details).toEqual([
      'Avant : au moins 20 pass dans la journée et plus de 3 fois l’habitude du lieu',
      'Après : au moins 30 pass dans la journée et plus de 4 fois l’habitude du lieu',
    ]);
    // The same rule again changes nothing and journals nothing.
    expect((await admin.request('PATCH', url(), { unusualDay: { minimum: 30, factor: 4 } })).statusCode).toBe(
      200,
    );
    const again = (await admin.request('GET', `/api/v1/funders/${funderId}/audit`)).json();
    expect(
      again.entries.filter((e: { action: string }) => e.action === 'funder.unusual_day_change'),
    ).toHaveLength(1);
  });
});

describe('the funder’s contact for places', () => {
  it('is set by the funder’s admin (e-mail, phone if any), journalled, and read by its places on their statements', async () => {
    expect((await admin.request('GET', url())).json().placeContact).toBeNull();
    const wrong = await admin.request('PATCH', url(), {
      placeContact: { email: 'pas une adresse', phone: 'x' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(
      wrong
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['placeContact.email', 'placeContact.phone']);
    const viewerTry = await viewer.request('PATCH', url(), { placeContact: { email: 'lieux@region.test' } });
    expect(viewerTry.statusCode).toBe(403);

    const res = await admin.request('PATCH', url(), {
      placeContact: { email: ' lieux@region.test ', phone: '03 74 27 00 00' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().placeContact).toEqual({ email: 'lieux@region.test', phone: '03 74 27 00 00' });
    const audit = (await admin.request('GET', `/api/v1/funders/${funderId}/audit`)).json();
    const entry = audit.entries.find((e: { action: string }) => e.action === 'funder.place_contact_change');
    expect(entry.summary).toEqual({
      before: null,
      after: { email: 'lieux@region.test', phone: '03 74 27 00 00' },
    });

    // The place reads it with its statements, per funder.
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    const placeId = place.session.memberships.find((m) => m.role === 'place_admin')!.organisationId!;
    const list = (await place.request('GET', `/api/v1/places/${placeId}/statements`)).json();
    expect(list.funderContacts).toContainEqual({
      funderId,
      funderName: 'Région Hauts-de-France',
      email: 'lieux@region.test',
      phone: '03 74 27 00 00',
    });

    // Removed: the place is told nothing, rather than an address that is no longer read.
    const removed = await admin.request('PATCH', url(), { placeContact: null });
    expect(removed.json().placeContact).toBeNull();
    const after = (await place.request('GET', `/api/v1/places/${placeId}/statements`)).json();
    expect(after.funderContacts.find((c: { funderId: string }) => c.funderId === funderId)).toMatchObject({
      email: null,
      phone: null,
    });
  });
});
