import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { dayAfterMonth } from '../../core/statement.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, handedOutBooklets } from '../../test/circulation.js';
import {
  camt053,
  giveBankAccounts,
  importedBankFile,
  paymentsScene,
  placeClaim,
  redeemAt,
  sentRun,
} from '../../test/payments.js';
import * as statements from '../statements/service.js';

/*
 * A bank statement showed 45 € debited for a 30 € transfer. The import offered to accept it as
 * a partial payment, and once accepted the place was recorded paid 45 €: its next sessions,
 * on no statement yet, were counted paid, and the statement read « 45,00 € sur 30,00 € ». The
 * place was only ever asked 30 €: what the bank took beyond it is the bank's error, for the
 * funder to recover from its bank, never a payment to the place.
 */
let t: TestApp;
let c: Circulation;
let mediatheque: string;
const month = businessDate().slice(0, 7);
const today = businessDate();

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const scene = await paymentsScene(t, 'tresorerie@hautsdefrance.test');
  ({ c, mediatheque } = scene);
  const { codes } = await handedOutBooklets(t, c, 1);
  for (const code of codes.slice(0, 3)) await redeemAt(t, mediatheque, code);
  await giveBankAccounts(c, scene.placeAdmin, mediatheque);
  await statements.run(t.database.db, { month, funderId: c.funderId }, dayAfterMonth(month));
  // Sessions after the statement: owed, on no statement yet, and not to be paid by the bank's error.
  for (const code of codes.slice(3, 5)) await redeemAt(t, mediatheque, code);
  ({ run } = await sentRun(c, scene.second));
});
afterAll(() => t.close());

let run: { transfers: { id: string; placeId: string; endToEndId: string; amountCents: number }[] };

describe('a debit above its transfer in the bank statement', () => {
  let firstReport: { id: string; lines: { id: number }[] };
  const decide = (report: { id: string; lines: { id: number }[] }, i: number, body: object) =>
    c.funder.request(
      'POST',
      `/api/v1/funders/${c.funderId}/bank-imports/${report.id}/lines/${report.lines[i]!.id}/decision`,
      body,
    );
  const statusOf = async (id: string) =>
    (await t.database.pool.query('SELECT status, paid_cents FROM payment_transfers WHERE id = $1', [id]))
      .rows[0];

  it('is left unmatched, never offered as a partial payment, and pays the place nothing by itself', async () => {
    const transfer = run.transfers.find((x) => x.placeId === mediatheque)!;
    const before = await placeClaim(t, c.programId, mediatheque);
    const report = await importedBankFile(
      t,
      c,
      camt053(today, [[transfer.endToEndId, transfer.amountCents + 1500]]),
    );
    firstReport = report;
    expect(report.lines).toEqual([
      expect.objectContaining({
        outcome: 'unmatched',
        reason: 'amount_above_transfer',
        // Named, with what the place was asked: the funder sees whose transfer it is.
        placeName: 'Médiathèque Louis Aragon',
        expectedCents: transfer.amountCents,
      }),
    ]);
    expect(await placeClaim(t, c.programId, mediatheque)).toEqual(before);
    expect(await statusOf(transfer.id)).toMatchObject({ status: 'sent' });
    expect((await decide(report, 0, { decision: 'reject', reason: 'x' })).statusCode).toBe(422);
  });

  it('cannot be recorded on a transfer by the database either', async () => {
    const transfer = run.transfers.find((x) => x.placeId === mediatheque)!;
    await expect(
      t.database.pool.query(
        `UPDATE payment_transfers SET status = 'paid', paid_cents = amount_cents + 1, paid_on = current_date
          WHERE id = $1`,
        [transfer.id],
      ),
    ).rejects.toThrow(/payment_transfers_paid_within_amount/);
  });
  it('once accepted, records the transfer paid for its own amount, what the place was asked', async () => {
    const transfer = run.transfers.find((x) => x.placeId === mediatheque)!;
    const before = await placeClaim(t, c.programId, mediatheque);
    const report = firstReport;
    const accepted = await decide(report, 0, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await statusOf(transfer.id)).toMatchObject({
      status: 'paid',
      paid_cents: transfer.amountCents,
    });
    expect(await placeClaim(t, c.programId, mediatheque)).toEqual({
      owed: before.owed - transfer.amountCents,
      paid: before.paid + transfer.amountCents,
    });
    // The sessions after the statement are still owed: the bank's 15 € paid none of them.
    expect((await placeClaim(t, c.programId, mediatheque)).owed).toBeGreaterThan(0);
    const { rows } = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'bank_statement.line_decision' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0].summary).toMatchObject({
      decision: 'accept',
      amountCents: transfer.amountCents + 1500,
      paidCents: transfer.amountCents,
    });
  });
});
