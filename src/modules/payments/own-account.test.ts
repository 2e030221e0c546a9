import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { dayAfterMonth, nextMonth } from '../../core/statement.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { type Client, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, handedOutBooklets } from '../../test/circulation.js';
import { giveBankAccounts, paymentsScene } from '../../test/payments.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from '../statements/service.js';

/*
 * A closing association's treasurer pasted the Région's RIB, the one she had at hand, as her
 * place's new account: the run asked nothing more than for any new account, and its pain.001
 * carried the same IBAN as debtor and creditor. The bank would have moved the money from the
 * funder to itself, the statement read paid, the place never paid.
 */
let t: TestApp;
let c: Circulation;
let placeAdmin: Client;
let place: string;
let codes: string[];
const FUNDER_IBAN = 'FR7610071590000000100123486';
const PLACE_IBAN = 'FR7610107001011234567890129';
const later = nextMonth(businessDate().slice(0, 7));
const runs = () => `/api/v1/funders/${c.funderId}/payment-runs`;
const accounts = async (placeId: string) =>
  (
    await t.database.pool.query('SELECT iban FROM place_bank_accounts WHERE place_id = $1 ORDER BY id', [
      placeId,
    ])
  ).rows;
/** An account written past the services: a place's recorded before this rule, or in a race. */
const legacyAccount = async (placeId: string, iban: string) =>
  (
    await t.database.pool.query(
      `INSERT INTO place_bank_accounts (place_id, iban, bic, holder) VALUES ($1, $2, 'AGRIFRPP', 'Ancien compte')
       RETURNING id`,
      [placeId, iban],
    )
  ).rows[0].id as string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  ({ c, mediatheque: place, placeAdmin } = await paymentsScene(t, 'tresorerie@hautsdefrance.test'));
  ({ codes } = await handedOutBooklets(t, c, 1));
  await giveBankAccounts(c, placeAdmin, place);
  await redemptions.redeem(
    t.database.db,
    { placeId: place, userId: null, keyId: null, label: 'test' },
    {
      code: codes[0]!,
      nonce: randomUUID(),
      theme: STANDARD_SERVICES[0],
      durationMinutes: 60,
      format: 'individual',
    },
    24,
  );
  await statements.run(t.database.db, { month: later, funderId: c.funderId }, dayAfterMonth(later));
});
afterAll(() => t.close());

describe('a place’s account that is its funder’s own', () => {
  it('is refused where the place records it, naming the funder, and nothing is recorded', async () => {
    const before = await accounts(place);
    const res = await placeAdmin.request('POST', `/api/v1/places/${place}/applications/bank-accounts`, {
      iban: 'FR76 1007 1590 0000 0010 0123 486',
      bic: 'TRPUFRP1',
      holder: 'Association Aragon',
      currentPassword: DEMO_PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([
      {
        field: 'iban',
        message:
          'IBAN : c’est le compte de Région Hauts-de-France, d’où partent les paiements. Saisissez le compte du lieu, sur lequel il est payé.',
      },
    ]);
    expect(await accounts(place)).toEqual(before);
  });

  it('recorded before the rule, stops the run, which names the place to call, and no run is made', async () => {
    const runCount = async () =>
      (
        await t.database.pool.query('SELECT count(*)::int AS n FROM payment_runs WHERE funder_id = $1', [
          c.funderId,
        ])
      ).rows[0].n;
    const before = await runCount();
    await legacyAccount(place, FUNDER_IBAN);
    const res = await c.funder.request('POST', runs(), {});
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'creditor_is_debtor',
      detail:
        'Le compte bancaire enregistré par Médiathèque Louis Aragon est celui du financeur, d’où partent les virements : demandez au lieu d’enregistrer son propre compte, puis préparez le lot.',
    });
    expect(await runCount()).toBe(before);
    // The place records its own account again: the run is prepared.
    const again = await placeAdmin.request('POST', `/api/v1/places/${place}/applications/bank-accounts`, {
      iban: PLACE_IBAN,
      bic: 'BREDFRPP',
      holder: 'Médiathèque Louis Aragon',
      currentPassword: DEMO_PASSWORD,
    });
    expect(again.statusCode, again.body).toBe(201);
    const prepared = await c.funder.request('POST', runs(), {});
    expect(prepared.statusCode, prepared.body).toBe(201);
  });

  it('is refused by the database in a transfer written past the services', async () => {
    const centre = c.organisations['Centre social Arras Ouest']!;
    const account = await legacyAccount(centre, FUNDER_IBAN);
    await expect(
      t.database.pool.query(
        `INSERT INTO payment_transfers (run_id, funder_id, program_id, place_id, place_account_id, amount_cents,
                                        end_to_end_id, remittance)
         SELECT run_id, funder_id, program_id, $1, $2, 1000, 'TEST-SELF-PAID', 'test' FROM payment_transfers
          WHERE funder_id = $3 LIMIT 1`,
        [centre, account, c.funderId],
      ),
    ).rejects.toThrow(/pays the account its run debits/);
  });
});
