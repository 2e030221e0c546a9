import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { ALLOWED, programPhase } from '../../core/program/status.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';
import * as repo from './repo.js';

/*
 * A programme's status follows its calendar and its amendments; what it forbids is
 * refused by issuing, allocation and hand-out, and by the database's `program_allows`
 * for redemption.
 */
let t: TestApp;
let c: Circulation;
let agent: Client;

const today = businessDate();
const dayOffset = (n: number) => {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const amendment = (changes: Record<string, unknown>, effectiveOn = today) => ({
  effectiveOn,
  legal: {
    body: 'Commission permanente',
    number: `T.${Math.floor(Math.random() * 1e9)}`,
    decidedOn: effectiveOn,
    votesFor: null,
    votesAgainst: null,
    abstentions: null,
    text: 'Test',
  },
  changes,
});

const allows = async (programId: string, day: string, action: string) =>
  (await t.database.pool.query('SELECT program_allows($1, $2::date, $3) AS ok', [programId, day, action]))
    .rows[0].ok as boolean;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  agent = await signIn(t.app, 'prescripteur@hautsdefrance.test');
});
afterAll(() => t.close());

describe('the status of a programme', () => {
  it('shows the seed programmes closed today and the demo campaign running', async () => {
    const list = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/programs`)).json();
    const byName = Object.fromEntries(
      list.map((p: { state: { name: string }; status: string }) => [p.state.name, p.status]),
    );
    expect(byName['Pass numériques Hauts-de-France']).toBe('closed');
    expect(Object.entries(byName).find(([n]) => /campagne 2026/.test(n))?.[1]).toBe('running');
  });

  it('shows the status as of the chosen date on the programme page', async () => {
    const hdf = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/programs`))
      .json()
      .find((p: { state: { name: string } }) => p.state.name === 'Pass numériques Hauts-de-France').id;
    const at = async (d: string) =>
      (await c.funder.request('GET', `/api/v1/programs/${hdf}?asOf=${d}`)).json().status;
    expect(await at('2019-06-01')).toBe('upcoming');
    expect(await at('2022-06-01')).toBe('running');
    expect(await at('2025-06-01')).toBe('closed');
  });

  it('names a programme before its start, by its founding deliberation', async () => {
    const hdf = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/programs`))
      .json()
      .find((p: { name: string }) => p.name === 'Pass numériques Hauts-de-France');
    expect(hdf.startsOn).toBe('2020-02-04');
    const before = (await c.funder.request('GET', `/api/v1/programs/${hdf.id}?asOf=2019-06-01`)).json();
    // Nothing is in force yet (no state, no budget), but the page and its forms have a name.
    expect(before).toMatchObject({
      status: 'upcoming',
      state: null,
      name: 'Pass numériques Hauts-de-France',
    });
  });

  it('lets the database tell that a running programme may redeem, on its calendar', async () => {
    expect(await allows(c.programId, today, 'redeem')).toBe(true);
    expect(await allows(c.programId, today, 'hand_out')).toBe(true);
    expect(await allows(c.programId, '2026-01-14', 'redeem')).toBe(false);
    expect(await allows(c.programId, '2027-07-01', 'hand_out')).toBe(false);
    expect(await allows(c.programId, '2027-07-01', 'redeem')).toBe(true);
    expect(await allows(c.programId, '2028-01-01', 'redeem')).toBe(false);
  });

  it('refuses issuing, allocation, hand-out and (in the database) redemption once an amendment closes it', async () => {
    const stock = (
      await agent.request(
        'GET',
        `/api/v1/organisations/${c.organisations['Mission locale du Grand Amiénois']}/stock`,
      )
    ).json();
    const inStock = stock.booklets.find((b: { programId: string }) => b.programId === c.programId);
    const closed = await c.funder.request(
      'POST',
      `/api/v1/programs/${c.programId}/amendments`,
      amendment({ status: 'closed' }),
    );
    expect(closed.statusCode).toBe(201);
    expect(await allows(c.programId, dayOffset(-1), 'redeem')).toBe(true);
    expect(await allows(c.programId, today, 'redeem')).toBe(false);

    const issue = await c.funder.request('POST', `/api/v1/programs/${c.programId}/issues`, {
      bookletCount: 1,
      bookletSize: 10,
    });
    expect(issue.statusCode).toBe(409);
    expect(issue.json()).toMatchObject({ code: 'program_status_forbids', programStatus: 'closed' });
    expect(issue.json().detail).toMatch(/clôturé/);

    const allocation = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
      prescriberId: c.organisations['France Travail Lille Centre'],
      count: 1,
    });
    expect(allocation.statusCode).toBe(409);
    expect(allocation.json().code).toBe('program_status_forbids');

    const transfer = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/transfers`, {
      serials: [inStock.serial],
      toId: c.organisations['France Travail Lille Centre'],
    });
    expect(transfer.statusCode).toBe(409);
    expect(transfer.json().code).toBe('program_status_forbids');

    const handOut = await agent.request(
      'POST',
      `/api/v1/organisations/${c.organisations['Mission locale du Grand Amiénois']}/hand-outs`,
      {
        serial: inStock.serial,
        beneficiary: {
          firstName: 'Odette',
          lastName: 'Test',
          birthDate: '1950-01-01',
          communeCode: '80021',
          audience: 'senior_60_plus',
        },
      },
    );
    expect(handOut.statusCode).toBe(409);
    expect(handOut.json().code).toBe('program_status_forbids');

    const list = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/programs`)).json();
    expect(list.find((p: { id: string }) => p.id === c.programId).status).toBe('closed');
  });
});

describe('the database and core/program', () => {
  it('agree on the status and what it allows, for every programme around each of its dates', async () => {
    // After the tests above, the campaign also has an amendment that closed it.
    const ids = (await t.database.pool.query('SELECT id FROM programs')).rows.map((r) => r.id as string);
    const histories = await repo.amendmentsOf(t.database.db, ids);
    let compared = 0;
    for (const [id, history] of histories) {
      const days = new Set<string>();
      for (const a of history) {
        const cal = (a.changes.calendar ?? {}) as Record<string, string | null>;
        for (const d of [a.effectiveOn, ...Object.values(cal)]) {
          if (d) for (const k of [-1, 0, 1]) days.add(shift(d, k));
        }
      }
      for (const day of days) {
        const phase = programPhase(history, day);
        const { rows } = await t.database.pool.query(
          `SELECT program_status($1, $2::date) AS status,
                  array(SELECT a FROM unnest(ARRAY['issue', 'allocate', 'hand_out', 'redeem']) a
                        WHERE program_allows($1, $2::date, a)) AS allowed`,
          [id, day],
        );
        expect({ day, status: rows[0].status, allowed: rows[0].allowed }).toEqual({
          day,
          status: phase,
          allowed: ALLOWED[phase],
        });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});

function shift(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
