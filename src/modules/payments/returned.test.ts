import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { type Client, startTestApp, type TestApp } from '../../test/app.js';
import type { Circulation } from '../../test/circulation.js';
import {
  camt053,
  importedBankFile,
  monthStatement,
  paymentsScene,
  placeClaim,
  sentRun,
  statedRedemptions,
} from '../../test/payments.js';
import * as ledger from '../ledger/service.js';

/**
 * Issue 12, point 5, when the money comes back: the bank booked a transfer, then returned it
 * (a closed account, a wrong IBAN), crediting the funder with the same end-to-end id. Today the
 * return is read as a credit and ignored: the place stays « payé » for money it never received.
 * A return moves the value back to what is owed, puts the statement back in payment, tells the
 * place to check its bank details, and the next run sends the whole amount again, as a
 * complement, to the account the place gives.
 */
let t: TestApp;
let c: Circulation;
let second: Client;
let placeAdmin: Client;
let mediatheque: string;
const month = businessDate().slice(0, 7);
const today = businessDate();

const claim = () => placeClaim(t, c.programId, mediatheque);

const statementOf = () => monthStatement(t, c.programId, mediatheque, month);

const importFile = (body: string) => importedBankFile(t, c, body);

// The place gives another account after a transfer came back: the approver checks it.
const payRun = async () => (await sentRun(c, second, { accountsChecked: true })).run;

type Transfer = {
  id: string;
  placeId: string;
  endToEndId: string;
  amountCents: number;
  iban: string;
  complementOf: string | null;
  status: string;
  returnedOn: string | null;
  returnReason: string | null;
};
const mine = (run: { transfers: Transfer[] }) => run.transfers.find((x) => x.placeId === mediatheque)!;

async function shownTransfer(id: string): Promise<Transfer> {
  const overview = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payments`)).json();
  return overview.runs
    .flatMap((r: { transfers: Transfer[] }) => r.transfers)
    .find((x: Transfer) => x.id === id);
}

async function placeStatement(number: string) {
  const list = (await placeAdmin.request('GET', `/api/v1/places/${mediatheque}/statements`)).json();
  return list.statements.find((s: { number: string }) => s.number === number);
}

async function mails(template: string, number: string) {
  const { rows } = await t.database.pool.query(
    `SELECT recipient, params FROM notification_outbox WHERE template = $1 AND params::text LIKE $2`,
    [template, `%${number}%`],
  );
  return rows as { recipient: string; params: Record<string, unknown> }[];
}

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  ({ c, mediatheque, second, placeAdmin } = await paymentsScene(t, 'tresorerie@hautsdefrance.test'));
  await statedRedemptions(t, c, placeAdmin, mediatheque, 2);
});
afterAll(() => t.close());

describe('a transfer the bank returned', () => {
  let first: Transfer;
  let statement: Awaited<ReturnType<typeof statementOf>>;
  let before: { owed: number; paid: number };

  it('is paid first: the statement reads « payé »', async () => {
    before = await claim();
    statement = await statementOf();
    first = mine(await payRun());
    expect(first.amountCents).toBe(statement.total);
    const report = await importFile(camt053(today, [[first.endToEndId, first.amountCents]]));
    expect(report.counts).toMatchObject({ matched: 1 });
    expect(await statementOf()).toMatchObject({ status: 'paid', paidOn: today });
    expect(await claim()).toEqual({
      owed: before.owed - first.amountCents,
      paid: before.paid + first.amountCents,
    });
  });

  it('comes back: the place is owed again, the statement is back in payment, the place is told', async () => {
    const report = await importFile(camt053(today, [[first.endToEndId, first.amountCents, 'AC04']]));
    expect(report.counts).toMatchObject({ matched: 0, returned: 1, ignored: 0 });
    expect(report.lines[0]).toMatchObject({
      outcome: 'returned',
      reason: 'AC04',
      debit: false,
      placeName: 'Médiathèque Louis Aragon',
    });
    expect(await claim()).toEqual(before);
    expect(await statementOf()).toMatchObject({ status: 'in_payment', paidOn: null });
    expect(await shownTransfer(first.id)).toMatchObject({
      status: 'returned',
      returnedOn: today,
      returnReason: 'AC04',
    });
    // The place reads that nothing reached it, and why.
    expect(await placeStatement(statement.number)).toMatchObject({
      status: 'in_payment',
      paidOn: null,
      instalments: {
        transferCents: first.amountCents,
        paidCents: 0,
        remainderCents: first.amountCents,
        returnedOn: today,
        returnReason: 'AC04',
        awaitingAccount: true,
      },
    });
    const told = await mails('transfer_returned', statement.number);
    expect(told.map((m) => m.recipient)).toEqual(['lieu@hautsdefrance.test']);
    expect(told[0]!.params).toMatchObject({
      amountCents: first.amountCents,
      returnedOn: today,
      reason: 'AC04',
    });
    // The funder's payables: paid no more, the whole amount still to pay.
    const payables = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables`)).json();
    const row = payables.rows.find(
      (r: { placeId: string; programId: string }) => r.placeId === mediatheque && r.programId === c.programId,
    );
    expect(row).toMatchObject({ remainderCents: first.amountCents });
    expect(row.paidCents).toBe(before.paid);
    const audit = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/audit`)).json();
    const entry = audit.entries.find((e: { action: string }) => e.action === 'payment_transfer.returned');
    expect(entry.actionLabel).toBe('Virement retourné par la banque, de nouveau dû au lieu');
    expect(entry.details).toContain('Motif du retour : compte clôturé');
  });

  it('is not taken back twice, nor beyond what was paid', async () => {
    const again = await importFile(camt053(today, [[first.endToEndId, first.amountCents, 'AC04']]));
    expect(again.lines[0]).toMatchObject({ outcome: 'unmatched', reason: 'already_returned' });
    expect(await claim()).toEqual(before);
    // The database itself refuses to take back more than the place was paid.
    await expect(
      t.database.db.transaction((tx) =>
        ledger.takeBackPayment(tx, {
          funderId: c.funderId,
          programId: c.programId,
          placeId: mediatheque,
          amountCents: before.paid + 1,
          movementReason: 'essai',
        }),
      ),
    ).rejects.toMatchObject({ code: 'return_beyond_paid' });
  });

  it('waits for the place to record a bank account: not sent again where it came back from', async () => {
    const again = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/payment-runs`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'nothing_to_pay',
      detail: expect.stringContaining(
        'en attente d’un nouveau compte bancaire du lieu : Médiathèque Louis Aragon',
      ),
    });
    const overview = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payments`)).json();
    expect(overview.payable.complements).toEqual([]);
    expect(overview.payable.awaitingAccount).toEqual([
      {
        endToEndId: first.endToEndId,
        placeName: 'Médiathèque Louis Aragon',
        statementNumbers: [statement.number],
        remainderCents: first.amountCents,
      },
    ]);
  });

  it('is freed by the same account recorded anew, as the place is told it may (the bank erred)', async () => {
    const { rows } = await t.database.pool.query(
      'SELECT iban, bic, holder FROM place_bank_accounts WHERE place_id = $1 ORDER BY id DESC LIMIT 1',
      [mediatheque],
    );
    const same = await placeAdmin.request(
      'POST',
      `/api/v1/places/${mediatheque}/applications/bank-accounts`,
      { ...rows[0], currentPassword: DEMO_PASSWORD },
    );
    expect(same.statusCode, same.body).toBeLessThan(300);
    expect((await placeStatement(statement.number)).instalments).toMatchObject({ awaitingAccount: false });
    const overview = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payments`)).json();
    expect(overview.payable.awaitingAccount).toEqual([]);
    // Recorded once, however often it is sent while nothing came back from it.
    const again = await placeAdmin.request(
      'POST',
      `/api/v1/places/${mediatheque}/applications/bank-accounts`,
      { ...rows[0], currentPassword: DEMO_PASSWORD },
    );
    expect(again.json().id).toBe(same.json().id);
  });

  it('is sent again, whole, to the account the place gives, and paid: the statement is « payé » again', async () => {
    const account = await placeAdmin.request(
      'POST',
      `/api/v1/places/${mediatheque}/applications/bank-accounts`,
      {
        iban: 'FR76 3000 4000 0312 3456 7890 143',
        bic: 'BNPAFRPP',
        holder: 'Médiathèque Louis Aragon',
        currentPassword: DEMO_PASSWORD,
      },
    );
    expect(account.statusCode, account.body).toBeLessThan(300);
    // The place reads that a new transfer is on its way now.
    expect((await placeStatement(statement.number)).instalments).toMatchObject({ awaitingAccount: false });
    const resent = await sentRun(c, second, { accountsChecked: true });
    const complement = mine(resent.run);
    // Sent again whole, not a complement: the place's bank statement says so.
    expect(resent.xml).toContain(`<Ustrd>Nouvel envoi releve ${statement.number}`);
    expect(complement).toMatchObject({
      complementOf: first.endToEndId,
      // The funder's page says so too: « Nouvel envoi du virement retourné ».
      sentAgain: true,
      amountCents: first.amountCents,
      // Masked: the new account's last characters (the old one ended in 129).
      iban: expect.stringMatching(/0 143$/),
    });
    // Money coming back for a transfer the bank has not booked yet is shown, not taken.
    const early = await importFile(camt053(today, [[complement.endToEndId, complement.amountCents, 'AC01']]));
    expect(early.lines[0]).toMatchObject({ outcome: 'unmatched', reason: 'not_paid_yet' });
    const report = await importFile(camt053(today, [[complement.endToEndId, complement.amountCents]]));
    expect(report.counts).toMatchObject({ matched: 1 });
    expect(await statementOf()).toMatchObject({ status: 'paid', paidOn: today });
    // Nor is a credit of another amount than was paid: a person looks at it.
    const other = await importFile(
      camt053(today, [[complement.endToEndId, complement.amountCents - 1, 'AC01']]),
    );
    expect(other.lines[0]).toMatchObject({ outcome: 'unmatched', reason: 'return_amount_differs' });
    expect(await claim()).toEqual({
      owed: before.owed - first.amountCents,
      paid: before.paid + first.amountCents,
    });
    expect(await placeStatement(statement.number)).toMatchObject({ status: 'paid', paidOn: today });
    // Told when paid, then when returned, then paid again.
    expect(await mails('statement_paid', statement.number)).toHaveLength(2);
  });
});
