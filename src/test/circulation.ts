import { addDays, businessDate } from '../core/dates.js';
import { STANDARD_SERVICES } from '../core/session.js';
import { hautsDeFranceDemoCampaign } from '../demo/programs.js';
import * as passes from '../modules/passes/service.js';
import * as places from '../modules/places/service.js';
import { type Client, signIn, type TestApp } from './app.js';

export const CAMPAIGN = /campagne 2026/;

export interface Circulation {
  funder: Client;
  funderId: string;
  programId: string;
  organisations: Record<string, string>;
}

/** The demo campaign, seen by its funder admin, with the ids of the demo organisations. */
export async function demoCampaign(t: TestApp): Promise<Circulation> {
  const funder = await signIn(t.app, 'financeur@hautsdefrance.test');
  const funderId = funder.session.memberships[0]!.funderId!;
  const programs = (await funder.request('GET', `/api/v1/funders/${funderId}/programs`)).json();
  const programId = programs.find((p: { state: { name: string } }) => CAMPAIGN.test(p.state.name)).id;
  const orgs = (await funder.request('GET', `/api/v1/funders/${funderId}/organisations`)).json();
  const organisations = Object.fromEntries(orgs.map((o: { name: string; id: string }) => [o.name, o.id]));
  return { funder, funderId, programId, organisations };
}

/**
 * Takes booklets the whole way through the API: funds every issued pass, allocates
 * `count` booklets to the Mission locale, whose agent hands each to a person today.
 * Returns the serials and the codes printed in them.
 */
export async function handedOutBooklets(t: TestApp, c: Circulation, count: number) {
  const funded = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
    payer: 'Région Hauts-de-France',
    amountCents: 10_000_000,
    receivedOn: businessDate(),
    reference: `Test ${Math.random()}`,
    // Enough for every pass: past the Region's share of the budget, knowingly.
    confirmOverShare: true,
  });
  if (funded.statusCode !== 201) throw new Error(`funding failed: ${funded.body}`);
  const missionLocale = c.organisations['Mission locale du Grand Amiénois']!;
  const allocated = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
    prescriberId: missionLocale,
    count,
  });
  if (allocated.statusCode !== 201) throw new Error(`allocation failed: ${allocated.body}`);
  const prescriber = await signIn(t.app, 'prescripteur@hautsdefrance.test');
  const serials: string[] = allocated.json().serials;
  for (const serial of serials) {
    const res = await prescriber.request('POST', `/api/v1/organisations/${missionLocale}/hand-outs`, {
      serial,
      beneficiary: personOf(serial),
    });
    if (res.statusCode !== 201) throw new Error(`hand-out failed: ${res.body}`);
  }
  const codes = (await Promise.all(serials.map((s) => passes.bookletCodes(t.database.db, s)))).flat();
  return { serials, codes, prescriber, missionLocale };
}

/**
 * Redeems these codes at the place, one request each as its software sends them (a collective
 * session of 30 minutes), the nonces `<nonces>-<n>`; returns the redemptions' ids.
 */
export async function redeemCodes(client: Client, placeId: string, codes: string[], nonces: string) {
  const ids: number[] = [];
  for (const [i, code] of codes.entries()) {
    const res = await client.request('POST', '/api/v1/redemptions', {
      placeId,
      code,
      nonce: `${nonces}-${i}`,
      theme: STANDARD_SERVICES[0],
      durationMinutes: 30,
      format: 'collective',
    });
    if (res.statusCode !== 201) throw new Error(`redemption failed: ${res.body}`);
    ids.push(res.json().id);
  }
  return ids;
}

/**
 * A pass struck out at a front desk: a booklet handed out with one pass used at the place, lost,
 * and replaced by a booklet of the same size whose last pass the agent strikes out (the person
 * had one pass fewer left). Returns the struck-out code, the replacement's serial and its codes.
 */
export async function struckOutPass(t: TestApp, c: Circulation, place: Client, placeId: string) {
  const { serials, codes, prescriber, missionLocale } = await handedOutBooklets(t, c, 1);
  await redeemCodes(place, placeId, codes.slice(0, 1), `barre-${serials[0]}`);
  const blocked = await prescriber.request('POST', `/api/v1/booklets/${serials[0]}/block`, {
    reason: 'lost',
  });
  if (blocked.statusCode !== 200) throw new Error(`block failed: ${blocked.body}`);
  const spare = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
    prescriberId: missionLocale,
    count: 1,
  });
  if (spare.statusCode !== 201) throw new Error(`allocation failed: ${spare.body}`);
  const serial: string = spare.json().serials[0];
  const replaced = await prescriber.request('POST', `/api/v1/organisations/${missionLocale}/replacements`, {
    blockedSerial: serials[0],
    serial,
    confirmSurplus: true,
  });
  if (replaced.statusCode !== 201) throw new Error(`replacement failed: ${replaced.body}`);
  const [struck] = replaced.json().cancelledCodes as string[];
  if (!struck) throw new Error('no pass struck out');
  return { struck, serial, codes: await passes.bookletCodes(t.database.db, serial) };
}

/**
 * One person per booklet: a person gets one booklet's worth of passes. Born on a day of its
 * own (the booklet's number of days after 1 January 1950), so that two of them, whose names
 * differ by a digit or two, are not taken for one person typed twice.
 */
export function personOf(serial: string) {
  const sequence = Number(serial.split('-')[1]);
  return {
    firstName: 'Paulette',
    lastName: `Test ${serial}`,
    birthDate: addDays('1950-01-01', sequence % 20_000),
    communeCode: '80021',
    audience: 'senior_60_plus',
  };
}

let keysMade = 0;

/**
 * An API key for a demo place, created as the operator would from the command line; each of
 * its own name, as a place's keys in service are.
 */
export async function placeKey(t: TestApp, placeId: string): Promise<string> {
  keysMade += 1;
  return (await places.createKey(t.database.db, null, placeId, `test ${keysMade}`)).key;
}

/**
 * A place of its own, on no funder's roster and taking no programme: every code is unknown
 * to it. For tests that guess: a place's keys and agents share one allowance of guesses.
 */
export async function placeOfItsOwn(t: TestApp, name: string): Promise<string> {
  const { rows } = await t.database.pool.query<{ id: string }>(
    `INSERT INTO organisations (funder_id, kind, name) VALUES (NULL, 'place', $1) RETURNING id`,
    [name],
  );
  return rows[0]!.id;
}

/**
 * A programme of the demo funder decided today that takes effect next 1 January: as of today
 * nothing of it is in force (no state), as for a Region preparing next year's campaign.
 */
export async function programDecidedAhead(c: Circulation, name: string, number: string) {
  const today = businessDate();
  const startsOn = `${Number(today.slice(0, 4)) + 1}-01-01`;
  const { creation } = hautsDeFranceDemoCampaign;
  const res = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/programs`, {
    effectiveOn: startsOn,
    legal: { ...creation.legal, number, decidedOn: today },
    state: {
      ...creation.state,
      name,
      calendar: {
        distributionStart: startsOn,
        distributionEnd: addDays(startsOn, 364),
        usageEnd: addDays(startsOn, 500),
        closure: null,
      },
    },
  });
  if (res.statusCode !== 201) throw new Error(`programme not created: ${res.body}`);
  return { programId: res.json().id as string, startsOn };
}
