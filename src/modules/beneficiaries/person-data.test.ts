import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets, personOf } from '../../test/circulation.js';
import { eraseBeyondRetention } from './retention.js';

// docs/architecture.md, "A person's data": a person's data can be exported and erased, statistics survive
// through pseudonymous ids, retention is limited. The funder's admins answer a person's
// requests: find the person, read everything held (each reading audited), erase it.
let t: TestApp;
let c: Circulation;
let serials: string[];
let codes: string[];
let prescriber: Client;
let missionLocale: string;
let base: string;
const place = 'Médiathèque Louis Aragon';

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  ({ serials, codes, prescriber, missionLocale } = await handedOutBooklets(t, c, 3));
  base = `/api/v1/funders/${c.funderId}/beneficiaries`;
  const agent = await signIn(t.app, 'lieu@hautsdefrance.test');
  const redeemed = await agent.request('POST', '/api/v1/redemptions', {
    placeId: c.organisations[place],
    code: codes[0],
    nonce: 'person-data-1',
    theme: STANDARD_SERVICES[0],
    durationMinutes: 90,
    format: 'individual',
  });
  expect(redeemed.statusCode).toBe(201);
});
afterAll(() => t.close());

const search = (q: string, who: Client = c.funder) =>
  who.request('GET', `${base}?q=${encodeURIComponent(q)}`);
type Found = { id: string; firstName: string | null; lastName: string | null; booklets: number };
const idOf = async (serial: string) => ((await search(serial)).json().people as Found[])[0]!.id;

describe('finding a person', () => {
  it('by the words of the names, in any case and without accents, or by a booklet’s serial', async () => {
    const person = personOf(serials[0]!);
    const byName = await search(`paulette ${person.lastName.toUpperCase()}`);
    expect(byName.statusCode).toBe(200);
    expect(byName.json().people).toEqual([
      expect.objectContaining({
        firstName: 'Paulette',
        lastName: person.lastName,
        birthDate: person.birthDate,
        commune: { code: '80021', name: 'Amiens' },
        booklets: 1,
        erasedAt: null,
      }),
    ]);
    // Every word must start a word of the names: « aulette » is not « Paulette ».
    expect((await search(`aulette ${person.lastName}`)).json().people).toEqual([]);
    const bySerial = await search(serials[1]!.toLowerCase().replaceAll('-', ' '));
    expect(bySerial.json().people.map((p: Found) => p.lastName)).toEqual([personOf(serials[1]!).lastName]);

    // Each list shown is in the journal with whom it showed, never with what was typed.
    const { rows } = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'beneficiary.search' ORDER BY id DESC LIMIT 3`,
    );
    expect(rows.map((r) => r.summary)).toEqual([
      { by: 'serial', beneficiaryIds: bySerial.json().people.map((p: Found) => p.id) },
      { by: 'name', beneficiaryIds: [] },
      { by: 'name', beneficiaryIds: byName.json().people.map((p: Found) => p.id) },
    ]);
    expect(JSON.stringify(rows)).not.toContain(person.lastName);
  });

  // A helpdesk read a pass code out by a caller and found « Personne ne répond » (searched as a name).
  it('by the code of one of their passes, as printed or scanned', async () => {
    const { rows } = await t.database.pool.query(
      `SELECT p.code FROM passes p JOIN booklets b ON b.id = p.booklet_id WHERE b.serial = $1 LIMIT 1`,
      [serials[2]],
    );
    const code = rows[0].code as string;
    const typed = `${code.slice(0, 4)}-${code.slice(4, 8)} ${code.slice(8).toLowerCase()}`;
    const byCode = await search(typed);
    expect(byCode.statusCode).toBe(200);
    expect(byCode.json().people.map((p: Found) => p.lastName)).toEqual([personOf(serials[2]!).lastName]);
    const { rows: journal } = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'beneficiary.search' ORDER BY id DESC LIMIT 1`,
    );
    // The code itself is not kept in the journal: it is what a place redeems.
    expect(journal[0].summary).toEqual({
      by: 'pass_code',
      beneficiaryIds: byCode.json().people.map((p: Found) => p.id),
    });
    // Another funder's pass finds no one here.
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    const pdc = other.session.memberships[0]!.funderId!;
    const elsewhere = await other.request(
      'GET',
      `/api/v1/funders/${pdc}/beneficiaries?q=${encodeURIComponent(code)}`,
    );
    expect(elsewhere.json().people).toEqual([]);
  });

  it('asks for two letters at least, naming the field', async () => {
    const res = await search('P');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'q' })]);
    // A serial mistyped (its check digit disagrees) is told as such, not searched as a name.
    const serial = serials[0]!;
    const wrong = `${serial.slice(0, -1)}${(Number(serial.slice(-1)) + 1) % 10}`;
    const mistyped = await search(wrong);
    expect(mistyped.statusCode).toBe(422);
    expect(mistyped.json().errors[0].message).toMatch(/numéro de carnet est mal recopié/);
  });
});

describe('a person’s record', () => {
  it('holds the identity, the booklets, the sessions, why each field is kept and until when', async () => {
    const id = await idOf(serials[0]!);
    const res = await c.funder.request('GET', `${base}/${id}`);
    expect(res.statusCode).toBe(200);
    const record = res.json();
    expect(record.person).toMatchObject({
      firstName: 'Paulette',
      lastName: personOf(serials[0]!).lastName,
      recordedBy: 'Mission locale du Grand Amiénois',
    });
    expect(record.person.audience.label).not.toBe(record.person.audience.code);
    expect(record.booklets).toEqual([
      expect.objectContaining({
        serial: serials[0],
        prescriberName: 'Mission locale du Grand Amiénois',
        passes: 10,
        passesUsed: 1,
        status: 'handed_out',
      }),
    ]);
    expect(record.booklets[0].programName).toMatch(/2026/);
    expect(record.sessions).toEqual([
      expect.objectContaining({
        placeName: place,
        serial: serials[0],
        theme: STANDARD_SERVICES[0],
        durationMinutes: 90,
      }),
    ]);
    expect(record.purposes.map((p: { field: string }) => p.field)).toContain(
      'Nom, prénom et date de naissance',
    );
    expect(record.retention.months).toBe(24);
    expect(record.retention.eraseOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('is read by the funder’s admins only, each reading in the journal', async () => {
    const id = await idOf(serials[0]!);
    const viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect((await viewer.request('GET', `${base}/${id}`)).statusCode).toBe(403);
    expect((await search('Paulette', viewer)).statusCode).toBe(403);
    expect((await prescriber.request('GET', `${base}/${id}`)).statusCode).toBe(403);
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await other.request('GET', `${base}/${id}`)).statusCode).toBe(404);
    const otherBase = `/api/v1/funders/${other.session.memberships[0]!.funderId}/beneficiaries`;
    expect((await other.request('GET', `${otherBase}/${id}`)).statusCode).toBe(404);
    const journal = await c.funder.request('GET', `/api/v1/funders/${c.funderId}/audit?limit=50`);
    const reads = journal
      .json()
      .entries.filter((e: { action: string; objectId: string }) => e.action === 'beneficiary.record_read');
    expect(reads.some((e: { objectId: string }) => e.objectId === id)).toBe(true);
    expect(reads[0].actionLabel).toBe('Données d’un bénéficiaire consultées');
  });
});

describe('rectification of an identity mistyped at the desk', () => {
  const rectify = (id: string, identity: object, who: Client = c.funder) =>
    who.request('POST', `${base}/${id}/rectification`, identity);
  // A person of her own: the tests after these read the others under their first names.
  let mine: string;
  beforeAll(async () => {
    mine = (await handedOutBooklets(t, c, 1)).serials[0]!;
  });

  it('corrects the same person: booklets and sessions stay, the journal names the fields, not the values', async () => {
    const serial = mine;
    const typed = personOf(serial);
    const id = await idOf(serial);
    const corrected = { firstName: 'Paulette', lastName: `Rectifiée ${serial}`, birthDate: '1948-02-29' };
    const res = await rectify(id, corrected);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, ...corrected, booklets: 1 });
    // Found under the right name, no longer under the wrong one; the same record.
    expect((await search(`Rectifiée ${serial}`)).json().people.map((p: Found) => p.id)).toEqual([id]);
    expect((await search(typed.lastName)).json().people).toEqual([]);
    const { rows } = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'beneficiary.rectify' AND object_id = $1`,
      [id],
    );
    expect(rows.map((r) => r.summary)).toEqual([{ fields: ['lastName', 'birthDate'] }]);
    // Her allowance is the same one: the corrected person is not handed a second booklet.
    const [another] = (
      await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
        prescriberId: missionLocale,
        count: 1,
      })
    ).json().serials;
    const again = await prescriber.request('POST', `/api/v1/organisations/${missionLocale}/hand-outs`, {
      serial: another,
      beneficiary: { ...typed, ...corrected },
    });
    expect(again.json().code).toBe('beneficiary_allowance_reached');
  });

  it('is refused, naming the field, for a name or date that cannot be, or one another person bears', async () => {
    const id = await idOf(mine);
    const before = (await search(mine)).json().people[0];
    const future = await rectify(id, {
      firstName: 'Paulette',
      lastName: 'Martin',
      birthDate: addDays(businessDate(), 3),
    });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors).toEqual([expect.objectContaining({ field: 'birthDate' })]);
    const taken = await rectify(id, {
      firstName: 'Paulette',
      lastName: personOf(serials[1]!).lastName,
      birthDate: personOf(serials[1]!).birthDate,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      code: 'beneficiary_identity_taken',
      errors: [{ field: 'lastName' }],
    });
    // Nothing changed by the refusals.
    expect((await search(mine)).json().people[0]).toEqual(before);
  });

  it('is the funder admins’ only, and the database takes it from the service alone', async () => {
    const id = await idOf(mine);
    const identity = { firstName: 'Paula', lastName: 'Autre', birthDate: '1950-01-01' };
    expect((await rectify(id, identity, prescriber)).statusCode).toBe(403);
    expect((await rectify(id, identity, await signIn(t.app, 'lecteur@hautsdefrance.test'))).statusCode).toBe(
      403,
    );
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    const otherBase = `/api/v1/funders/${other.session.memberships[0]!.funderId}/beneficiaries`;
    expect((await other.request('POST', `${otherBase}/${id}/rectification`, identity)).statusCode).toBe(404);
    await expect(
      t.database.pool.query(`UPDATE beneficiaries SET first_name = 'Paula' WHERE id = $1`, [id]),
    ).rejects.toThrow(/never rewritten/);
  });
});

describe('erasure at the person’s request', () => {
  it('empties the names and birth date; booklets, passes and the figures stay', async () => {
    const serial = serials[0]!;
    const person = personOf(serial);
    const id = await idOf(serial);
    const dashboard = () => c.funder.request('GET', `/api/v1/programs/${c.programId}/dashboard`);
    const before = (await dashboard()).json();

    const res = await c.funder.request('POST', `${base}/${id}/erasure`, { erasureReason: 'person_request' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, firstName: null, lastName: null, birthDate: null });
    expect(res.json().erasedAt).not.toBeNull();

    // The name finds nobody; the booklet still leads to the (erased) person.
    expect((await search(`Paulette ${person.lastName}`)).json().people).toEqual([]);
    expect((await search(serial)).json().people).toEqual([expect.objectContaining({ id, lastName: null })]);
    const record = (await c.funder.request('GET', `${base}/${id}`)).json();
    expect(JSON.stringify(record)).not.toContain('Paulette');
    expect(JSON.stringify(record)).not.toContain(person.lastName);
    expect(JSON.stringify(record)).not.toContain(person.birthDate);
    expect(record.booklets).toHaveLength(1);
    expect(record.sessions).toHaveLength(1);

    // The prescriber's list shows « — » where the initials were.
    const list = (
      await prescriber.request('GET', `/api/v1/organisations/${missionLocale}/handed-out`)
    ).json();
    expect(list.booklets.find((b: { serial: string }) => b.serial === serial).initials).toBe('—');

    // The programme's figures do not move.
    expect((await dashboard()).json()).toEqual(before);

    // A pass is a bearer voucher: the booklet's other passes still work.
    const agent = await signIn(t.app, 'lieu@hautsdefrance.test');
    const redeemed = await agent.request('POST', '/api/v1/redemptions', {
      placeId: c.organisations[place],
      code: codes[1],
      nonce: 'person-data-after-erasure',
      theme: STANDARD_SERVICES[0],
      durationMinutes: 60,
      format: 'individual',
    });
    expect(redeemed.statusCode).toBe(201);

    const journal = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/audit?limit=50`)).json();
    const entry = journal.entries.find((e: { action: string }) => e.action === 'beneficiary.erase');
    expect(entry).toMatchObject({ objectId: id, actionLabel: 'Données d’un bénéficiaire effacées' });
    expect(entry.details).toContain('Motif de l’effacement : À la demande de la personne');
    expect(JSON.stringify(journal)).not.toContain(person.lastName);
  });

  it('is done once, and only with a reason chosen from the list', async () => {
    const id = await idOf(serials[0]!);
    const again = await c.funder.request('POST', `${base}/${id}/erasure`, {
      erasureReason: 'person_request',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('beneficiary_already_erased');
    const other = await idOf(serials[1]!);
    const typed = await c.funder.request('POST', `${base}/${other}/erasure`, { erasureReason: 'Mme Test' });
    expect(typed.statusCode).toBe(422);
    expect(typed.json().errors).toEqual([expect.objectContaining({ field: 'erasureReason' })]);
    expect((await search(serials[1]!)).json().people[0].lastName).toBe(personOf(serials[1]!).lastName);
    expect(
      (await prescriber.request('POST', `${base}/${other}/erasure`, { erasureReason: 'deceased' }))
        .statusCode,
    ).toBe(403);
  });

  it('is the only change the database lets a person’s row undergo', async () => {
    const erased = await idOf(serials[0]!);
    const kept = await idOf(serials[1]!);
    // What PostgreSQL answered (drizzle wraps it in a "Failed query" error).
    const refusal = (q: ReturnType<typeof sql>) =>
      t.database.db.execute(q).then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(await refusal(sql`UPDATE beneficiaries SET last_name = 'Autre' WHERE id = ${kept}`)).toMatch(
      /erased or rectified, never rewritten/,
    );
    expect(await refusal(sql`UPDATE beneficiaries SET commune_code = '59350' WHERE id = ${kept}`)).toMatch(
      /is rewritten/,
    );
    expect(await refusal(sql`DELETE FROM beneficiaries WHERE id = ${kept}`)).toMatch(/never deleted/);
    expect(
      await refusal(sql`UPDATE beneficiaries SET erased_at = now(), first_name = NULL WHERE id = ${kept}`),
    ).toMatch(/beneficiaries_erased/);
    expect(await refusal(sql`UPDATE beneficiaries SET audience = 'x' WHERE id = ${erased}`)).toMatch(
      /no longer changes/,
    );
    expect((await search(serials[1]!)).json().people[0].lastName).toBe(personOf(serials[1]!).lastName);
  });
});

describe('retention', () => {
  it('is a funder admin’s setting, chosen from a list and journaled', async () => {
    const settings = `/api/v1/funders/${c.funderId}/settings`;
    expect((await c.funder.request('GET', settings)).json().beneficiaryRetentionMonths).toBe(24);
    const wrong = await c.funder.request('PATCH', settings, { beneficiaryRetentionMonths: 7 });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'beneficiaryRetentionMonths' })]);
    const set = await c.funder.request('PATCH', settings, { beneficiaryRetentionMonths: 12 });
    expect(set.statusCode).toBe(200);
    expect((await c.funder.request('GET', settings)).json().beneficiaryRetentionMonths).toBe(12);
    const journal = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/audit?limit=20`)).json();
    expect(
      journal.entries.find((e: { action: string }) => e.action === 'funder.retention_change').details,
    ).toEqual(expect.arrayContaining(['Avant : 24', 'Après : 12']));
  });

  it('erases a person on the day the record announces, not before, once', async () => {
    const id = await idOf(serials[2]!);
    const { eraseOn } = (await c.funder.request('GET', `${base}/${id}`)).json().retention;
    await eraseBeyondRetention(t.database.db, addDays(eraseOn, -1));
    expect((await search(serials[2]!)).json().people[0].lastName).toBe(personOf(serials[2]!).lastName);

    expect(await eraseBeyondRetention(t.database.db, eraseOn)).toBeGreaterThanOrEqual(1);
    expect((await search(serials[2]!)).json().people[0]).toMatchObject({
      id,
      lastName: null,
      birthDate: null,
    });
    expect(await eraseBeyondRetention(t.database.db, eraseOn)).toBe(0);
    const journal = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/audit?limit=20`)).json();
    const entry = journal.entries.find((e: { action: string }) => e.action === 'beneficiary.retention_erase');
    expect(entry.actorName).toBe('Système');
    expect(entry.details).toContain('Durée de conservation (mois) : 12');
  });
});
