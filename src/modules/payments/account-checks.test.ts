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
