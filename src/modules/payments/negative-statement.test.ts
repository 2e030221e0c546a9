import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { formatEuros } from '../../core/money.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { dayAfterMonth, nextMonth } from '../../core/statement.js';
import { type Client, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, handedOutBooklets } from '../../test/circulation.js';
import {
  camt053,
  giveBankAccounts,
  importBankFile,
  monthStatement,
  paymentsScene,
  placeClaim,
} from '../../test/payments.js';
import { pdfText } from '../../test/pdf.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from '../statements/service.js';

/**
 * A statement whose total is below zero: a redemption cancelled after its statement was paid,
 * and nothing else since. The place then owes it back. No transfer can be negative: the
 * statement waits, issued, and the next run nets it against the place's next statement of the
 * same programme, in one transfer that pays both. The ledger never loses a cent on the way.
 */
let t: TestApp;
let c: Circulation;
let second: Client;
let placeAdmin: Client;
let place: string;
let codes: string[];
const month = businessDate().slice(0, 7);
const today = businessDate();
const caller = () => ({ placeId: place, userId: null, keyId: null, label: 'test' });

const redeem = async (code: string) =>
  (
    await redemptions.redeem(
      t.database.db,
      caller(),
      { code, nonce: randomUUID(), theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' },
      24,
    )
  ).redemption;

const runs = () => `/api/v1/funders/${c.funderId}/payment-runs`;

const claim = () => placeClaim(t, c.programId, place);

const statementOf = (m: string) => monthStatement(t, c.programId, place, m);

type Transfer = { placeId: string; endToEndId: string; amountCents: number; statementNumbers: string[] };

/** Prepares a run, has the second admin approve it, sends it, and the bank pays it in full. */
async function payRun(): Promise<Transfer> {
  const prepared = await c.funder.request('POST', runs(), {});
  expect(prepared.statusCode).toBe(201);
  const run = prepared.json();
  expect((await second.request('POST', `${runs()}/${run.id}/approve`)).statusCode).toBe(200);
  expect((await c.funder.request('POST', `${runs()}/${run.id}/sepa`)).statusCode).toBe(200);
  const transfer = (run.transfers as Transfer[]).find((x) => x.placeId === place)!;
  const imported = await importBankFile(
    t,
    c,
    c.funder,
    camt053(today, [[transfer.endToEndId, transfer.amountCents]]),
  );
  expect(imported.statusCode).toBe(201);
  expect(imported.json().counts).toMatchObject({ matched: 1 });
  return transfer;
}

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  ({ c, mediatheque: place, second, placeAdmin } = await paymentsScene(t, 'compta@hautsdefrance.test'));
  ({ codes } = await handedOutBooklets(t, c, 1));
  await giveBankAccounts(c, placeAdmin, place);
});
afterAll(() => t.close());

describe('a statement below zero', () => {
  const later = nextMonth(month);
  const latest = nextMonth(later);
  let cancelled: { id: number; faceValueCents: number };
  let negative: { id: string; number: string; status: string; total: number };

  it('is issued when the only news of the month is a cancellation after payment', async () => {
    cancelled = await redeem(codes[0]!);
    await statements.run(t.database.db, { month: later, funderId: c.funderId }, dayAfterMonth(later));
    const paid = await payRun();
    const settled = await claim();
    await redemptions.cancel(t.database.db, { caller: caller() }, cancelled.id, 24);
    // The place owes the pass back: its claim goes down by it, below what the transfer settled.
    expect(await claim()).toEqual({ ...settled, owed: settled.owed - cancelled.faceValueCents });
    expect(paid.amountCents).toBeGreaterThanOrEqual(cancelled.faceValueCents);
    await statements.run(t.database.db, { month: latest, funderId: c.funderId }, dayAfterMonth(latest));
    negative = await statementOf(latest);
    expect(negative).toMatchObject({ status: 'issued', total: -cancelled.faceValueCents });
    const mine = (await placeAdmin.request('GET', `/api/v1/places/${place}/statements`))
      .json()
      .statements.find((s: { number: string }) => s.number === negative.number);
    // Deducted from nothing yet: it waits for the place's next statement.
    expect(mine).toMatchObject({
      totalCents: -cancelled.faceValueCents,
      status: 'issued',
      deductedFrom: null,
    });
    // Its PDF says what the place owes back and how, not « Total dû » below zero.
    const pdf = await placeAdmin.request('GET', `/api/v1/statements/${negative.id}/pdf`);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(
      `À déduire de vos prochains versements : ${formatEuros(cancelled.faceValueCents).replace(/\s/g, ' ')}`,
    );
    expect(text).not.toContain('Total dû');
  });

  it('is never paid on its own: a run with nothing else to pay is refused, and proposes no transfer', async () => {
    const prepared = await c.funder.request('POST', runs(), {});
    expect(prepared.statusCode).toBe(409);
    expect(prepared.json().code).toBe('nothing_to_pay');
    expect((await statementOf(latest)).status).toBe('issued');
  });

  it('is netted against the next statement: one transfer pays both, and the ledger balances', async () => {
    const a = await redeem(codes[1]!);
    const b = await redeem(codes[2]!);
    await statements.run(
      t.database.db,
      { month: nextMonth(latest), funderId: c.funderId },
      dayAfterMonth(nextMonth(latest)),
    );
    const positive = await statementOf(nextMonth(latest));
    expect(positive.total).toBe(a.faceValueCents + b.faceValueCents);
    const before = await claim();
    const transfer = await payRun();
    expect(transfer.amountCents).toBe(positive.total + negative.total);
    expect(transfer.statementNumbers.sort()).toEqual([negative.number, positive.number].sort());
    expect((await statementOf(latest)).status).toBe('paid');
    expect((await statementOf(nextMonth(latest))).status).toBe('paid');
    expect(await claim()).toEqual({
      owed: before.owed - transfer.amountCents,
      paid: before.paid + transfer.amountCents,
    });
    // What the place owed back is settled: the two statements together are what it was paid.
    expect(transfer.amountCents).toBe(a.faceValueCents + b.faceValueCents - cancelled.faceValueCents);
    // The place reads which statement's payment it was deducted from; the positive one was paid.
    const listed = (await placeAdmin.request('GET', `/api/v1/places/${place}/statements`)).json().statements;
    const read = (n: string) => listed.find((s: { number: string }) => s.number === n);
    expect(read(negative.number)).toMatchObject({ status: 'paid', deductedFrom: [positive.number] });
    expect(read(positive.number)).toMatchObject({ status: 'paid', deductedFrom: null });
  });
});
