import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../../core/session.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';

// Issue 11, point 7: a prescriber finds the serial of a booklet it handed out (to block a
// lost one) in the list of what it handed out: serial, date, initials only, passes used.
let t: TestApp;
let c: Circulation;
let prescriber: Client;
let missionLocale: string;
let serials: string[];
let codes: string[];
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  ({ serials, codes, prescriber, missionLocale } = await handedOutBooklets(t, c, 2));
  const place = await signIn(t.app, 'lieu@hautsdefrance.test');
  const redeemed = await place.request('POST', '/api/v1/redemptions', {
    placeId: c.organisations['Médiathèque Louis Aragon'],
    code: codes[0],
    nonce: 'handed-out-list',
    theme: STANDARD_SERVICES[1],
    durationMinutes: 60,
    format: 'individual',
  });
  expect(redeemed.statusCode).toBe(201);
});
afterAll(() => t.close());

const handedOut = (who: Client, org = missionLocale, query = '') =>
  who.request('GET', `/api/v1/organisations/${org}/handed-out${query && `?${query}`}`);

describe('the booklets a prescriber handed out', () => {
  it('lists serial, date, the person’s initials only and the passes used', async () => {
    const res = await handedOut(prescriber);
    expect(res.statusCode).toBe(200);
    const mine = res.json().booklets.filter((b: { serial: string }) => serials.includes(b.serial));
    expect(mine).toHaveLength(2);
    const first = mine.find((b: { serial: string }) => b.serial === serials[0]);
    expect(first).toMatchObject({ initials: 'P. T.', passesUsed: 1, passes: 10, status: 'handed_out' });
    expect(first.handedOutOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Nothing more of the person than the initials.
    expect(JSON.stringify(res.json())).not.toContain('Paulette');
    expect(Object.keys(first).sort()).toEqual(
      [
        'audience',
        'handedOutOn',
        'initials',
        'passes',
        'passesStruck',
        'passesUsed',
        'programId',
        'replacedBy',
        'replacesSerial',
        'serial',
        'status',
      ].sort(),
    );
  });

  /** Every page of the list in this order, 3 booklets a page. */
  const allPages = async (query: string) => {
    const first = await handedOut(prescriber, missionLocale, `${query}&pageSize=3`);
    expect(first.statusCode, first.body).toBe(200);
    const { total } = first.json();
    const rows: HandedOut[] = [...first.json().booklets];
    for (let page = 2; page <= Math.ceil(total / 3); page++)
      rows.push(
        ...(await handedOut(prescriber, missionLocale, `${query}&pageSize=3&page=${page}`)).json().booklets,
      );
    expect(rows).toHaveLength(total);
    // No booklet twice, none left out, page after page.
    expect(new Set(rows.map((b) => b.serial)).size).toBe(total);
    return rows;
  };
  type HandedOut = { serial: string; initials: string; handedOutOn: string; passesUsed: number };
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();

  it('is sorted by the server across pages: by the initials shown either way, by the day of hand-out', async () => {
    const ascending = await allPages('sort=beneficiary&order=asc');
    expect(ascending.length).toBeGreaterThan(3);
    const named = (rows: HandedOut[]) => rows.filter((b) => b.initials !== '—').map((b) => fold(b.initials));
    expect(named(ascending)).toEqual([...named(ascending)].sort());
    const descending = await allPages('sort=beneficiary&order=desc');
    expect(named(descending)).toEqual([...named(ascending)].reverse());
    // Ties (the same initials) are broken by the serial, in the same direction.
    expect(descending.map((b) => b.serial)).toEqual(ascending.map((b) => b.serial).reverse());

    const oldest = await allPages('sort=handedOutOn&order=asc');
    expect(oldest.map((b) => b.handedOutOn)).toEqual(oldest.map((b) => b.handedOutOn).sort());
    const used = (await allPages('sort=passesUsed&order=desc')).map((b) => b.passesUsed);
    expect(used).toEqual([...used].sort((a, b) => b - a));
    expect(used[0]).toBeGreaterThan(0);
    // By default, the latest first, as before.
    const latest = (await handedOut(prescriber)).json();
    expect(latest.booklets.map((b: HandedOut) => b.serial)).toEqual(oldest.map((b) => b.serial).reverse());
    expect(latest).toMatchObject({ page: 1, pageSize: 500, total: oldest.length });
  });

  it('refuses a sort it does not offer, naming the field', async () => {
    const bad = await handedOut(prescriber, missionLocale, 'sort=lastName');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'querystring.sort' })]);
    expect(bad.json().errors[0].message).toContain('beneficiary');
  });

  it('says which booklet replaced which', async () => {
    // Found by a prescriber: after a replacement the list showed the new booklet and the blocked
    // one side by side, nothing saying that one took the other's place.
    const more = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
      prescriberId: missionLocale,
      count: 1,
    });
    expect(more.statusCode, more.body).toBe(201);
    const replacement = more.json().serials[0];
    const lost = serials[1]!;
    const blocked = await prescriber.request('POST', `/api/v1/booklets/${lost}/block`, { reason: 'lost' });
    expect(blocked.statusCode, blocked.body).toBe(200);
    const replaced = await prescriber.request('POST', `/api/v1/organisations/${missionLocale}/replacements`, {
      blockedSerial: lost,
      serial: replacement,
      confirmSurplus: true,
    });
    expect(replaced.statusCode, replaced.body).toBe(201);

    const { booklets } = (await handedOut(prescriber)).json();
    const row = (serial: string) => booklets.find((b: { serial: string }) => b.serial === serial);
    expect(row(replacement)).toMatchObject({ replacesSerial: lost, replacedBy: null, status: 'handed_out' });
    expect(row(lost)).toMatchObject({ replacesSerial: null, replacedBy: replacement, status: 'blocked' });
    expect(row(serials[0]!)).toMatchObject({ replacesSerial: null, replacedBy: null });
  });

  it('is the prescriber’s and its funder’s only', async () => {
    expect((await handedOut(c.funder)).statusCode).toBe(200);
    const other = c.organisations['France Travail Lille Centre']!;
    expect((await handedOut(prescriber, other)).statusCode).toBe(404);
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await handedOut(pdc)).statusCode).toBe(404);
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    expect((await handedOut(place)).statusCode).toBe(404);
  });
});

describe('the booklets handed out to one person', () => {
  /*
   * Found by a prescriber: Jean Lefèvre-Dupont lost his booklet, and the list showed three
   * « J. L. » handed out that day, initials only. The desk now types his names and birth date
   * and gets his booklets, initials still, with the commune recorded to confirm.
   */
  const lookup = (who: Client, body: Record<string, unknown>, org = missionLocale) =>
    who.request('POST', `/api/v1/organisations/${org}/handed-out/lookup`, body);
  let jeans: string[];

  beforeAll(async () => {
    const more = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
      prescriberId: missionLocale,
      count: 3,
    });
    expect(more.statusCode, more.body).toBe(201);
    jeans = more.json().serials;
    const people = [
      ['Jean', 'Lefèvre-Dupont', '1948-03-12', '80489'],
      ['Julie', 'Leroy', '1948-03-12', '80021'],
      ['Jacques', 'Lambert', '1951-06-30', '80021'],
    ];
    for (const [i, [firstName, lastName, birthDate, communeCode]] of people.entries()) {
      const res = await prescriber.request('POST', `/api/v1/organisations/${missionLocale}/hand-outs`, {
        serial: jeans[i],
        beneficiary: { firstName, lastName, birthDate, communeCode, audience: 'senior_60_plus' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it('finds them by names and birth date, typed as a hand-out compares them, initials only', async () => {
    for (const [firstName, lastName] of [
      ['Jean', 'Lefèvre-Dupont'],
      ['JEAN', 'LEFEVRE DUPONT'],
      ['jean', 'Lefèvre'], // a part of the compound name
      ['Jean', 'Lefebvre-Dupont'], // a letter more
    ]) {
      const res = await lookup(prescriber, { firstName, lastName, birthDate: '1948-03-12' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().booklets, `${firstName} ${lastName}`).toEqual([
        expect.objectContaining({
          serial: jeans[0],
          initials: 'J. L.',
          status: 'handed_out',
          commune: { code: '80489', name: 'Longueau' },
        }),
      ]);
      expect(res.body).not.toMatch(/Jean|Lef[eè]vre|Dupont|1948/i);
    }
    // The birth date typed with day and month swapped, or a digit off, the names the same: the
    // person served, as a hand-out would ask about them.
    for (const birthDate of ['1948-12-03', '1948-03-13']) {
      const res = await lookup(prescriber, { firstName: 'Jean', lastName: 'Lefèvre-Dupont', birthDate });
      expect(res.json().booklets, birthDate).toEqual([expect.objectContaining({ serial: jeans[0] })]);
    }
    // Another birth date, another name: nobody, and nothing said of who was served.
    const otherDay = await lookup(prescriber, {
      firstName: 'Jean',
      lastName: 'Lefèvre-Dupont',
      birthDate: '1948-04-13',
    });
    expect(otherDay.json()).toEqual({ booklets: [] });
    const otherName = await lookup(prescriber, {
      firstName: 'Jean',
      lastName: 'Martin',
      birthDate: '1948-03-12',
    });
    expect(otherName.json()).toEqual({ booklets: [] });
  });

  it('requires the names and the birth date, each named when missing', async () => {
    const res = await lookup(prescriber, { firstName: ' ', lastName: 'Lefèvre', birthDate: '12/03/1948' });
    expect(res.statusCode, res.body).toBe(422);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['firstName', 'birthDate']));
    expect(res.json().errors.find((e: { field: string }) => e.field === 'firstName').message).toBe(
      'Tapez le prénom de la personne.',
    );
    const noDate = await lookup(prescriber, { firstName: 'Jean', lastName: 'Lefèvre' });
    expect(noDate.statusCode).toBe(422);
    expect(noDate.json().errors).toEqual([expect.objectContaining({ field: 'birthDate' })]);
  });

  /*
   * Each lookup reads whether a person was served here: the funder's DPO answers « qui a
   * consulté mes données ? » from its journal, as for its own admins' searches. The entry says
   * who, from which structure, and whom it showed; never the names or the birth date typed.
   */
  it('is in the funder’s journal, as a search of beneficiaries, refusals not', async () => {
    const searches = async () => {
      const res = await c.funder.request(
        'GET',
        `/api/v1/funders/${c.funderId}/audit?action=beneficiary.search&limit=200`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return res
        .json()
        .entries.filter(
          (e: { action: string; summary: { organisationId?: string } }) =>
            e.action === 'beneficiary.search' && e.summary.organisationId === missionLocale,
        );
    };
    const before = (await searches()).length;
    const jean = { firstName: 'Jean', lastName: 'Lefèvre-Dupont', birthDate: '1948-03-12' };
    expect((await lookup(prescriber, jean)).statusCode).toBe(200);
    const entries = await searches();
    expect(entries).toHaveLength(before + 1);
    const { rows } = await t.database.pool.query(
      `SELECT k.beneficiary_id AS id FROM booklets k WHERE k.serial = $1`,
      [jeans[0]],
    );
    expect(entries[0]).toMatchObject({
      actorEmail: 'prescripteur@hautsdefrance.test',
      actionLabel: 'Bénéficiaires recherchés (liste consultée)',
      summary: { by: 'names_and_birth_date', organisationId: missionLocale, beneficiaryIds: [rows[0].id] },
    });
    expect(entries[0].details).toEqual(
      expect.arrayContaining([
        'Structure : Mission locale du Grand Amiénois',
        'Recherche par : nom, prénom et date de naissance',
      ]),
    );
    expect(JSON.stringify(entries[0])).not.toMatch(/Jean|Lef[eè]vre|Dupont|1948/i);

    // Refused (bad input, another structure, not an agent): nothing read, nothing journalled.
    expect((await lookup(prescriber, { ...jean, firstName: ' ' })).statusCode).toBe(422);
    expect((await lookup(prescriber, jean, c.organisations['France Travail Lille Centre']!)).statusCode).toBe(
      404,
    );
    expect((await lookup(c.funder, jean)).statusCode).toBe(404);
    expect(await searches()).toHaveLength(before + 1);
  });

  it('is the prescriber’s agents’ only, and an agent trying names waits', async () => {
    const jean = { firstName: 'Jean', lastName: 'Lefèvre-Dupont', birthDate: '1948-03-12' };
    expect((await lookup(c.funder, jean)).statusCode).toBe(404);
    const other = c.organisations['France Travail Lille Centre']!;
    expect((await lookup(prescriber, jean, other)).statusCode).toBe(404);
    let status = 200;
    for (let i = 0; i < 35 && status === 200; i++) status = (await lookup(prescriber, jean)).statusCode;
    expect(status).toBe(429);
  });
});
