import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

/**
 * One person, one allowance, whatever the spelling (found by a tester at a front desk):
 * « Jeanine Dupont » got a second booklet although « Jeannine Dupont », born the same day, had
 * one (here Marcelline Lefebvre: the demo holds a Jeannine Dupont already). A close name with the same birth date is now shown to the desk, which hands out only
 * once it confirms that this is another person; the confirmation is in the audit trail.
 */
let t: TestApp;
let c: Circulation;
let missionLocale: string;
let prescriber: Client;
let serials: string[];

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  missionLocale = c.organisations['Mission locale du Grand Amiénois']!;
  prescriber = await signIn(t.app, 'prescripteur@hautsdefrance.test');
  const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
    prescriberId: missionLocale,
    count: 4,
  });
  expect(res.statusCode, res.body).toBe(201);
  serials = res.json().serials;
});
afterAll(() => t.close());

const person = (firstName: string, lastName: string, birthDate = '1949-07-21') => ({
  firstName,
  lastName,
  birthDate,
  communeCode: '80021',
  audience: 'senior_60_plus',
});

function handOut(serial: string, beneficiary: ReturnType<typeof person>, confirmNewPerson?: boolean) {
  return prescriber.request('POST', `/api/v1/organisations/${missionLocale}/hand-outs`, {
    serial,
    beneficiary,
    ...(confirmNewPerson === undefined ? {} : { confirmNewPerson }),
  });
}

describe('a person recorded under a close spelling', () => {
  it('is shown to the desk before a second booklet, and handed one only on confirmation', async () => {
    const first = await handOut(serials[0]!, person('Marcelline', 'Lefebvre'));
    expect(first.statusCode, first.body).toBe(201);

    for (const [firstName, lastName] of [
      ['Marceline', 'Lefebvre'],
      ['Marcelline', 'Lefèvre'],
      ['LEFEBVRE', 'marcelline'], // names swapped
    ] as const) {
      const res = await handOut(serials[1]!, person(firstName, lastName));
      expect(res.statusCode, `${firstName} ${lastName}: ${res.body}`).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'beneficiary_possible_duplicate',
        errors: [{ field: 'beneficiary', message: expect.stringContaining('M. L. (carnet') }],
        earlierHandOuts: [expect.objectContaining({ serial: serials[0], beneficiaryName: 'M. L.' })],
      });
      // Initials only: trying names and birth dates must not tell who was served.
      expect(res.body).not.toMatch(/Marcel+ine|Lef[eè]b?vre/i);
    }
    // Nothing recorded by the refusals: the booklet is still in stock, no new person.
    const people = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM beneficiaries WHERE birth_date = '1949-07-21' AND duplicate_of IS NULL`,
    );
    expect(people.rows[0].n).toBe(1);

    // Another birth date, or a name far enough: another person, no question asked.
    expect((await handOut(serials[1]!, person('Marceline', 'Lefebvre', '1949-07-22'))).statusCode).toBe(201);
    expect((await handOut(serials[2]!, person('Josette', 'Durand'))).statusCode).toBe(201);

    // The desk checked: another person. Handed out, and the journal says it was confirmed.
    const confirmed = await handOut(serials[3]!, person('Marceline', 'Lefebvre'), true);
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const audit = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'booklet.hand_out' AND object_id = $1`,
      [serials[3]],
    );
    expect(audit.rows[0].summary).toMatchObject({ confirmedNewPerson: true });
  });
});

describe('a compound surname typed in part', () => {
  /*
   * Found by a prescriber: « Jean Lefèvre-Dupont » lost his booklet and was handed a second one
   * as « jean Lefèvre », same birth date and commune, silently: 20 passes against 10 a person.
   */
  it('is asked about before a second booklet, and handed one only on confirmation', async () => {
    const more = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
      prescriberId: missionLocale,
      count: 3,
    });
    expect(more.statusCode, more.body).toBe(201);
    const [first, second, third] = more.json().serials as string[];
    const jean = (lastName: string, birthDate = '1948-03-12') => ({
      ...person('Jean', lastName, birthDate),
      communeCode: '80489', // Longueau
    });
    expect((await handOut(first!, jean('Lefèvre-Dupont'))).statusCode).toBe(201);

    for (const [firstName, lastName] of [
      ['jean', 'Lefèvre'],
      ['Jean', 'Dupont'],
    ] as const) {
      const res = await handOut(second!, { ...jean(lastName), firstName });
      expect(res.statusCode, `${firstName} ${lastName}: ${res.body}`).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'beneficiary_possible_duplicate',
        errors: [{ field: 'beneficiary', message: expect.stringContaining('Une personne au nom proche') }],
        earlierHandOuts: [expect.objectContaining({ serial: first, beneficiaryName: 'J. L.' })],
      });
    }
    // Born another day: another person, no question asked.
    expect((await handOut(second!, jean('Lefèvre', '1948-03-13'))).statusCode).toBe(201);
    // The desk checked: another person, handed out.
    const confirmed = await handOut(third!, { ...jean('Lefèvre'), firstName: 'jean' }, true);
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });
});

describe('a birth date typed with day and month swapped, or a digit off', () => {
  /*
   * Found by a prescriber: Yanis Benchérif, born 12 May, got a second booklet as born 5 December
   * (day and month swapped), same names and commune, without a question. A birth date one digit
   * off, the names the same, is asked about as well; further off, or another name, is not.
   */
  it('is asked about before a second booklet, and handed one only on confirmation', async () => {
    const more = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
      prescriberId: missionLocale,
      count: 4,
    });
    expect(more.statusCode, more.body).toBe(201);
    const [first, second, third, fourth] = more.json().serials as string[];
    const ginette = (birthDate: string, lastName = 'Benchérif') => person('Ginette', lastName, birthDate);
    expect((await handOut(first!, ginette('1950-05-12'))).statusCode).toBe(201);

    for (const birthDate of ['1950-12-05', '1950-05-13', '1956-05-12']) {
      const res = await handOut(second!, {
        ...ginette(birthDate),
        firstName: 'GINETTE',
        lastName: 'Bencherif',
      });
      expect(res.statusCode, `${birthDate}: ${res.body}`).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'beneficiary_possible_duplicate',
        errors: [{ field: 'beneficiary', message: expect.stringContaining('G. B. (carnet') }],
        earlierHandOuts: [expect.objectContaining({ serial: first, beneficiaryName: 'G. B.' })],
      });
      // The earlier birth date is not told: trying dates must not tell who was served.
      expect(res.body).not.toMatch(/1950-05-12|12 mai 1950/);
    }
    // Two digits off, or a close name with a date one digit off: another person, no question.
    expect((await handOut(second!, ginette('1950-06-13'))).statusCode).toBe(201);
    expect((await handOut(fourth!, ginette('1950-05-13', 'Bensherif'))).statusCode).toBe(201);
    // The desk checked: another person, handed out.
    const confirmed = await handOut(third!, ginette('1950-12-05'), true);
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });
});

describe('refusals that show earlier hand-outs', () => {
  it('are in the audit trail, and an agent who collects 20 in an hour is told to wait', async () => {
    const refused = async () =>
      (
        await t.database.pool.query(
          `SELECT summary FROM audit_entries WHERE action = 'booklet.hand_out_refused' ORDER BY id`,
        )
      ).rows.map((r) => r.summary);
    // The three refusals of the first test, each with the booklets it showed, then the two of
    // the compound surname's and the three of the birth date typed wrong.
    const shown = await refused();
    expect(shown.slice(0, 3)).toEqual(
      Array(3).fill({
        organisationId: missionLocale,
        refusal: 'beneficiary_possible_duplicate',
        earlierSerials: [serials[0]],
      }),
    );
    expect(shown).toHaveLength(8);

    const more = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
      prescriberId: missionLocale,
      count: 1,
    });
    expect(more.statusCode, more.body).toBe(201);
    const inStock = more.json().serials[0];
    let answers: number[] = [];
    for (let i = 0; i < 25 && !answers.includes(429); i++) {
      const res = await handOut(inStock, person('Marcelline', 'Lefèvre'));
      answers.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json()).toMatchObject({ code: 'rate_limited' });
        expect(res.json().earlierHandOuts).toBeUndefined();
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    answers = answers.filter((s) => s !== 429);
    expect(answers.every((s) => s === 409)).toBe(true);
    // Twenty shown in all, this test's and the ones above's, then a wait.
    expect(answers.length + 8).toBe(20);
    expect(await refused()).toHaveLength(20);

    // The wait is for what shows earlier hand-outs: a new person is still handed a booklet.
    const other = await handOut(inStock, person('Gisèle', 'Carpentier', '1950-02-02'));
    expect(other.statusCode, other.body).toBe(201);
  });
});
