import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { dayAfterMonth, nextMonth } from '../../core/statement.js';
import { type Client, startTestApp, type TestApp } from '../../test/app.js';
import type { Circulation } from '../../test/circulation.js';
import {
  acceptPartialLines,
  type BankReport,
  camt053,
  importedBankFile,
  monthStatement,
  paymentsScene,
  placeClaim,
  redeemAt,
  sentRun,
  statedRedemptions,
} from '../../test/payments.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from '../statements/service.js';

/**
 * A transfer came back, and the place's account changed since: its statement's value is owed
 * again, and meanwhile one of that statement's redemptions was cancelled, so the place's next
 * statement is below zero. Before, the next run sent the returned amount whole and left the
 * negative statement aside: the bank paid the place a pass it owed back, and the database
 * refused to book that payment (beyond what is owed), failing the bank's whole file. The run
 * now sends one transfer per place and programme: the complement nets the place's statements
 * issued since, of either sign, and pays them with it. While the account the money came back
 * from is still the place's, nothing new is sent there either.
 */
let t: TestApp;
let c: Circulation;
let second: Client;
let placeAdmin: Client;
let place: string;
let codes: string[];
const month = businessDate().slice(0, 7);
const later = nextMonth(month);
const latest = nextMonth(later);
const today = businessDate();

const claim = () => placeClaim(t, c.programId, place);

const statementOf = (m: string) => monthStatement(t, c.programId, place, m);

const importFile = (body: string) => importedBankFile(t, c, body);

type Transfer = {
  id: string;
  placeId: string;
  endToEndId: string;
  amountCents: number;
  complementOf: string | null;
  statementNumbers: string[];
  remainderCents: number;
};
const mine = (run: { transfers: Transfer[] }) => run.transfers.filter((x) => x.placeId === place);

async function recordAccount(iban: string) {
  const res = await placeAdmin.request('POST', `/api/v1/places/${place}/applications/bank-accounts`, {
    iban,
    bic: 'BNPAFRPP',
    holder: 'Médiathèque Louis Aragon',
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

const acceptPartials = (report: BankReport) => acceptPartialLines(c, report);

async function placeStatement(number: string) {
  const list = (await placeAdmin.request('GET', `/api/v1/places/${place}/statements`)).json();
  return list.statements.find((s: { number: string }) => s.number === number);
}

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  ({ c, mediatheque: place, second, placeAdmin } = await paymentsScene(t, 'controle@hautsdefrance.test'));
  codes = await statedRedemptions(t, c, placeAdmin, place, 3);
});
afterAll(() => t.close());

describe('a complement and the statements issued since', () => {
  let first: Statement;
  let negative: Statement;
  let returned: Transfer;
  let complement: Transfer;
  let cancelledCents: number;
  let before: { owed: number; paid: number };
  type Statement = Awaited<ReturnType<typeof statementOf>>;

  it('sets the scene: paid, returned, one of its passes cancelled, a statement below zero', async () => {
    before = await claim();
    first = await statementOf(month);
    returned = mine((await sentRun(c, second)).run)[0]!;
    await importFile(camt053(today, [[returned.endToEndId, returned.amountCents]]));
    await importFile(camt053(today, [[returned.endToEndId, returned.amountCents, 'AC04']]));
    expect(await claim()).toEqual(before);
    const { rows } = await t.database.pool.query(
      'SELECT r.id::int AS id FROM redemptions r JOIN passes p ON p.id = r.pass_id WHERE p.code = $1',
      [codes[0]],
    );
    const cancelled = await redemptions.cancel(
      t.database.db,
      { caller: { placeId: place, userId: null, keyId: null, label: 'test' } },
      rows[0].id,
      24,
    );
    cancelledCents = cancelled.faceValueCents;
    await statements.run(t.database.db, { month: later, funderId: c.funderId }, dayAfterMonth(later));
    negative = await statementOf(later);
    expect(negative).toMatchObject({ status: 'issued', total: -cancelledCents });
    expect(await claim()).toEqual({ ...before, owed: before.owed - cancelledCents });
  });

  it('sends one transfer, the returned amount netted with the statement below zero, to the new account', async () => {
    await recordAccount('FR76 3000 4000 0312 3456 7890 143');
    const transfers = mine((await sentRun(c, second)).run);
    expect(transfers).toHaveLength(1);
    complement = transfers[0]!;
    expect(complement).toMatchObject({
      complementOf: returned.endToEndId,
      amountCents: first.total - cancelledCents,
    });
    expect(complement.statementNumbers.sort()).toEqual([first.number, negative.number].sort());
    // Both statements went through the run's steps with it.
    expect((await statementOf(later)).status).toBe('in_payment');
  });

  it('is booked by the bank: both statements paid, the ledger right, nothing left to pay', async () => {
    const report = await importFile(camt053(today, [[complement.endToEndId, complement.amountCents]]));
    expect(report.counts).toMatchObject({ matched: 1, unmatched: 0 });
    expect((await statementOf(month)).status).toBe('paid');
    expect((await statementOf(later)).status).toBe('paid');
    expect(await claim()).toEqual({
      owed: before.owed - first.total,
      paid: before.paid + first.total - cancelledCents,
    });
    expect((await placeStatement(first.number)).instalments).toMatchObject({
      transferCents: first.total - cancelledCents,
      paidCents: first.total - cancelledCents,
      remainderCents: 0,
    });
    const overview = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payments`)).json();
    expect(overview.payable.complements).toEqual([]);
    const shown = overview.runs
      .flatMap((r: { transfers: Transfer[] }) => r.transfers)
      .find((x: Transfer) => x.id === returned.id);
    expect(shown.remainderCents).toBe(0);
  });

  it('sends nothing new to an account a transfer came back from, then nets a new statement into the complement', async () => {
    // The complement comes back too: the place's new account was wrong.
    await importFile(camt053(today, [[complement.endToEndId, complement.amountCents, 'AC01']]));
    expect((await statementOf(month)).status).toBe('in_payment');
    expect((await statementOf(later)).status).toBe('in_payment');
    // The funder's payables: what the complement paid is to pay again, the netting kept.
    const payables = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables`)).json();
    const row = payables.rows.find(
      (r: { placeId: string; programId: string }) => r.placeId === place && r.programId === c.programId,
    );
    expect(row).toMatchObject({ remainderCents: first.total - cancelledCents });
    const redeemed = await redeemAt(t, place, codes[3]!);
    await statements.run(t.database.db, { month: latest, funderId: c.funderId }, dayAfterMonth(latest));
    const fresh = await statementOf(latest);
    expect(fresh.total).toBe(redeemed.faceValueCents);
    const held = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/payment-runs`, {});
    expect(held.statusCode, held.body).toBe(409);
    expect(held.json()).toMatchObject({
      code: 'nothing_to_pay',
      detail: expect.stringContaining('Médiathèque Louis Aragon'),
    });
    expect((await statementOf(latest)).status).toBe('issued');
    const overview = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payments`)).json();
    expect(overview.payable.placesAwaitingAccount).toEqual(['Médiathèque Louis Aragon']);
    expect(overview.payable.complements).toEqual([]);

    await recordAccount('FR14 2004 1010 0505 0001 3M02 606');
    const [again, ...more] = mine((await sentRun(c, second)).run);
    expect(more).toEqual([]);
    expect(again).toMatchObject({
      complementOf: returned.endToEndId,
      amountCents: first.total - cancelledCents + fresh.total,
    });
    expect(again!.statementNumbers.sort()).toEqual([first.number, negative.number, fresh.number].sort());
    const report = await importFile(camt053(today, [[again!.endToEndId, again!.amountCents]]));
    expect(report.counts).toMatchObject({ matched: 1 });
    for (const m of [month, later, latest]) expect((await statementOf(m)).status).toBe('paid');
    expect(await claim()).toEqual({
      owed: before.owed - first.total,
      paid: before.paid + first.total - cancelledCents + fresh.total,
    });
  });

  it('writes off what a complement paid in part left, asked of the complement: the chain closes', async () => {
    // A statement paid in part, then its complement paid in part too.
    await redeemAt(t, place, codes[4]!);
    const fourth = nextMonth(latest);
    await statements.run(t.database.db, { month: fourth, funderId: c.funderId }, dayAfterMonth(fourth));
    const statement = await statementOf(fourth);
    const [root] = mine((await sentRun(c, second)).run);
    await acceptPartials(await importFile(camt053(today, [[root!.endToEndId, root!.amountCents - 300]])));
    const [complement] = mine((await sentRun(c, second)).run);
    expect(complement).toMatchObject({ complementOf: root!.endToEndId, amountCents: 300 });
    await acceptPartials(await importFile(camt053(today, [[complement!.endToEndId, 100]])));
    const settled = await claim();
    const res = await c.funder.request(
      'POST',
      `/api/v1/funders/${c.funderId}/payment-transfers/${complement!.id}/write-off`,
      { reason: 'Retenue acceptée par le lieu.' },
    );
    expect(res.statusCode, res.body).toBe(200);
    // The answer is the chain's first transfer, which shows it.
    expect(res.json()).toMatchObject({ id: root!.id, writtenOffCents: 200, remainderCents: 0 });
    expect((await statementOf(fourth)).status).toBe('paid');
    expect(await claim()).toEqual({ ...settled, owed: settled.owed - 200 });
    expect(statement.total).toBe(root!.amountCents);
  });
});
