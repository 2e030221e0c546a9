import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate, frenchDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { dayAfterMonth, nextMonth } from '../../core/statement.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, handedOutBooklets } from '../../test/circulation.js';
import { giveBankAccounts, paymentsScene } from '../../test/payments.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from '../statements/service.js';

/*
 * The diversion of a payment: a place's bank account replaced the day before a run (a hijacked
 * admin account), or a second place paid into the same account. An auditor found such a run
 * approved and paid with nothing said. The run now names them, and its approval takes an
 * explicit confirmation that they were checked, kept in the journal.
 */
let t: TestApp;
let c: Circulation;
let second: Client;
let placeAdmin: Client;
let place: string;
let codes: string[];
const month = businessDate().slice(0, 7);
const later = nextMonth(month);
const NEW_IBAN = 'FR76 3000 1007 9412 3456 7890 185';
const runs = () => `/api/v1/funders/${c.funderId}/payment-runs`;

const redeem = (code: string) =>
  redemptions.redeem(
    t.database.db,
    { placeId: place, userId: null, keyId: null, label: 'test' },
    { code, nonce: randomUUID(), theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' },
    24,
  );
const setAccount = (admin: Client, placeId: string, holder: string) =>
  admin.request('POST', `/api/v1/places/${placeId}/applications/bank-accounts`, {
    iban: NEW_IBAN,
    bic: 'CRLYFRPP',
    holder,
    currentPassword: DEMO_PASSWORD,
  });
const runStatus = async (id: string) =>
  (await t.database.pool.query('SELECT status FROM payment_runs WHERE id = $1', [id])).rows[0].status;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  ({ c, mediatheque: place, second, placeAdmin } = await paymentsScene(t, 'controle@hautsdefrance.test'));
  ({ codes } = await handedOutBooklets(t, c, 1));
  await giveBankAccounts(c, placeAdmin, place);
  await redeem(codes[0]!);
  await statements.run(t.database.db, { month: later, funderId: c.funderId }, dayAfterMonth(later));
});
afterAll(() => t.close());

/*
 * An association runs its sites under one legal entity (one SIREN, a SIRET per site or one for
 * all): paid into the entity's one account, the money stays with it. The coordinator saw its
 * runs refused every month for an account its sites share by design.
 */
describe('an account shared by places of one legal entity', () => {
  const setSiret = (placeId: string, siret: string) =>
    t.database.pool.query('UPDATE organisations SET siret = $2 WHERE id = $1', [placeId, siret]);
  const siretOf = async (placeId: string) =>
    (await t.database.pool.query('SELECT siret FROM organisations WHERE id = $1', [placeId])).rows[0].siret;

  it('is not one to check: the run is approved without confirmation', async () => {
    const centre = c.organisations['Centre social Arras Ouest']!;
    const centreSiret = await siretOf(centre);
    // The Centre social, another establishment of the Médiathèque's entity, is paid into its account.
    await setSiret(centre, `${(await siretOf(place)).slice(0, 9)}00999`);
    const centreAdmin = await signIn(t.app, 'mediateur@hautsdefrance.test');
    const shared = await centreAdmin.request('POST', `/api/v1/places/${centre}/applications/bank-accounts`, {
      iban: 'FR76 1010 7001 0112 3456 7890 129',
      bic: 'BREDFRPP',
      holder: 'Médiathèque Louis Aragon',
      currentPassword: DEMO_PASSWORD,
    });
    expect(shared.statusCode, shared.body).toBe(201);

    const prepared = await c.funder.request('POST', runs(), {});
    expect(prepared.statusCode, prepared.body).toBe(201);
    const runId = prepared.json().id;
    const transfer = prepared.json().transfers.find((x: { placeId: string }) => x.placeId === place);
    expect(transfer).toMatchObject({ accountNew: false, accountSharedWith: [] });
    const approved = await second.request('POST', `${runs()}/${runId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);

    // Of another entity again, the Centre social shares the account: the next run names it.
    await setSiret(centre, centreSiret);
    expect((await c.funder.request('POST', `${runs()}/${runId}/cancel`)).statusCode).toBe(200);
    const again = await c.funder.request('POST', runs(), {});
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().transfers.find((x: { placeId: string }) => x.placeId === place)).toMatchObject({
      accountSharedWith: ['Centre social Arras Ouest'],
    });
    const refused = await second.request('POST', `${runs()}/${again.json().id}/approve`);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('accounts_to_check');
    expect((await c.funder.request('POST', `${runs()}/${again.json().id}/cancel`)).statusCode).toBe(200);
  });
});

describe('a run paying a bank account to check', () => {
  let runId: string;

  it('names an account replaced just before the run, and one shared by two places', async () => {
    expect((await setAccount(placeAdmin, place, 'M. Thomas Petit')).statusCode).toBe(201);
    const centre = c.organisations['Centre social Arras Ouest']!;
    const centreAdmin = await signIn(t.app, 'mediateur@hautsdefrance.test');
    expect((await setAccount(centreAdmin, centre, 'Centre social Arras Ouest')).statusCode).toBe(201);

    const prepared = await c.funder.request('POST', runs(), {});
    expect(prepared.statusCode, prepared.body).toBe(201);
    runId = prepared.json().id;
    const transfer = prepared.json().transfers.find((x: { placeId: string }) => x.placeId === place);
    expect(transfer).toMatchObject({
      accountNew: true,
      accountRecordedOn: businessDate(),
      accountSharedWith: ['Centre social Arras Ouest'],
    });
  });

  it('is approved only once the approver confirms the accounts were checked', async () => {
    const refused = await second.request('POST', `${runs()}/${runId}/approve`);
    expect(refused.statusCode, refused.body).toBe(409);
    const problem = refused.json();
    expect(problem.code).toBe('accounts_to_check');
    expect(problem.errors).toEqual([{ field: 'confirmAccountsChecked', message: problem.detail }]);
    expect(problem.detail).toContain(
      `Médiathèque Louis Aragon : compte enregistré le ${frenchDate(businessDate())}, à la place d’un précédent`,
    );
    expect(problem.detail).toContain('Médiathèque Louis Aragon : même IBAN que Centre social Arras Ouest');
    expect(await runStatus(runId)).toBe('prepared');

    const approved = await second.request('POST', `${runs()}/${runId}/approve`, {
      confirmAccountsChecked: true,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await runStatus(runId)).toBe('approved');
    const { rows } = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'payment_run.approve' AND object_id = $1`,
      [runId],
    );
    expect(rows[0].summary.accountsChecked).toEqual(
      expect.arrayContaining([expect.stringContaining('même IBAN que Centre social Arras Ouest')]),
    );
  });
});
