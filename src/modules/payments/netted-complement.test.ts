import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { dayAfterMonth, nextMonth } from '../../core/statement.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { type Client, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, handedOutBooklets } from '../../test/circulation.js';
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
import * as repo from './repo.js';
import * as payments from './service.js';

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
    currentPassword: DEMO_PASSWORD,
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

const acceptPartials = (report: BankReport) => acceptPartialLines(c, report);

const overview = async () => (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payments`)).json();

/** What the funder's payments page says the next run will pay. */
const payable = async () => (await overview()).payable;

/** The funder's admin writes off the rest of a transfer's chain, with a reason. */
const writeOff = (transferId: string) =>
  c.funder.request('POST', `/api/v1/funders/${c.funderId}/payment-transfers/${transferId}/write-off`, {
    reason: 'Retenue acceptée par le lieu.',
  });

/** The place redeems `passes`, month `m` is stated, and the transfer paying it is booked for 5 € only. */
async function paidInPart(passes: string[], m: string) {
  for (const code of passes) await redeemAt(t, place, code);
  await statements.run(t.database.db, { month: m, funderId: c.funderId }, dayAfterMonth(m));
  const [root] = mine((await sentRun(c, second, { accountsChecked: true })).run);
  await acceptPartials(await importFile(camt053(today, [[root!.endToEndId, 500]])));
  return root!;
}

/** `n` months after `m`. */
const monthAfter = (m: string, n: number): string => (n === 0 ? m : monthAfter(nextMonth(m), n - 1));

/** A write-off written straight into the database, past the service's checks. */
async function directWriteOff(rootId: string, cents: number) {
  await t.database.pool.query(
    `INSERT INTO payment_write_offs (transfer_id, funder_id, amount_cents, reason, decided_by)
     SELECT $1, $2, $3, 'Essai direct.', id FROM users WHERE email = 'financeur@hautsdefrance.test'`,
    [rootId, c.funderId, cents],
  );
}

/** A transfer as the funder's payments page shows it in its run. */
const shownTransfer = async (id: string) =>
  (await overview()).runs
    .flatMap(
      (r: { transfers: { id: string; remainderCents: number; writeOffCents: number }[] }) => r.transfers,
    )
    .find((x: { id: string }) => x.id === id);

async function cancelRedemption(code: string) {
  const { rows } = await t.database.pool.query(
    'SELECT r.id::int AS id FROM redemptions r JOIN passes p ON p.id = r.pass_id WHERE p.code = $1',
    [code],
  );
  return redemptions.cancel(
    t.database.db,
    { caller: { placeId: place, userId: null, keyId: null, label: 'test' } },
    rows[0].id,
    24,
  );
}

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
    returned = mine((await sentRun(c, second, { accountsChecked: true })).run)[0]!;
    await importFile(camt053(today, [[returned.endToEndId, returned.amountCents]]));
    await importFile(camt053(today, [[returned.endToEndId, returned.amountCents, 'AC04']]));
    expect(await claim()).toEqual(before);
    const cancelled = await cancelRedemption(codes[0]!);
    cancelledCents = cancelled.faceValueCents;
    await statements.run(t.database.db, { month: later, funderId: c.funderId }, dayAfterMonth(later));
    negative = await statementOf(later);
    expect(negative).toMatchObject({ status: 'issued', total: -cancelledCents });
    expect(await claim()).toEqual({ ...before, owed: before.owed - cancelledCents });
  });

  it('sends one transfer, the returned amount netted with the statement below zero, to the new account', async () => {
    await recordAccount('FR76 3000 4000 0312 3456 7890 143');
    // The funder's page announces the transfer the run will send: netted, with both statements.
    const announced = await payable();
    expect(announced.complements).toEqual([
      expect.objectContaining({
        endToEndId: returned.endToEndId,
        remainderCents: first.total,
        carriedNumbers: [negative.number],
        amountCents: first.total - cancelledCents,
      }),
    ]);
    expect(announced.statements).toBe(0);
    const transfers = mine((await sentRun(c, second, { accountsChecked: true })).run);
    expect(transfers).toHaveLength(1);
    complement = transfers[0]!;
    expect(complement).toMatchObject({
      complementOf: returned.endToEndId,
      amountCents: first.total - cancelledCents,
    });
    expect(complement.statementNumbers.sort()).toEqual([first.number, negative.number].sort());
    expect(await placeStatement(negative.number)).toMatchObject({ deductedFrom: [first.number] });
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
    const [again, ...more] = mine((await sentRun(c, second, { accountsChecked: true })).run);
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
    const [root] = mine((await sentRun(c, second, { accountsChecked: true })).run);
    await acceptPartials(await importFile(camt053(today, [[root!.endToEndId, root!.amountCents - 300]])));
    const [complement] = mine((await sentRun(c, second, { accountsChecked: true })).run);
    expect(complement).toMatchObject({ complementOf: root!.endToEndId, amountCents: 300 });
    await acceptPartials(await importFile(camt053(today, [[complement!.endToEndId, 100]])));
    const settled = await claim();
    const res = await writeOff(complement!.id);
    expect(res.statusCode, res.body).toBe(200);
    // The answer is the chain's first transfer, which shows it.
    expect(res.json()).toMatchObject({ id: root!.id, writtenOffCents: 200, remainderCents: 0 });
    expect((await statementOf(fourth)).status).toBe('paid');
    expect(await claim()).toEqual({ ...settled, owed: settled.owed - 200 });
    expect(statement.total).toBe(root!.amountCents);
  });

  it('holds a complement that a statement below zero leaves at zero or below, until the place states more', async () => {
    const fifth = monthAfter(latest, 2);
    const sixth = nextMonth(fifth);
    const seventh = nextMonth(sixth);
    await redeemAt(t, place, codes[5]!);
    await statements.run(t.database.db, { month: fifth, funderId: c.funderId }, dayAfterMonth(fifth));
    const [root] = mine((await sentRun(c, second, { accountsChecked: true })).run);
    await acceptPartials(await importFile(camt053(today, [[root!.endToEndId, root!.amountCents - 300]])));
    // The pass paid in part is cancelled: the place's next statement deducts it.
    const cancelled = await cancelRedemption(codes[5]!);
    await statements.run(t.database.db, { month: sixth, funderId: c.funderId }, dayAfterMonth(sixth));
    const below = await statementOf(sixth);
    expect(below.total).toBe(-cancelled.faceValueCents);
    const waiting = await payable();
    expect(waiting.complements).toEqual([]);
    expect(waiting.statements).toBe(0);
    expect(waiting.heldByNetting).toEqual([
      expect.objectContaining({
        endToEndId: root!.endToEndId,
        remainderCents: 300,
        carriedNumbers: [below.number],
        amountCents: 300 - cancelled.faceValueCents,
      }),
    ]);
    const refused = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/payment-runs`, {});
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'nothing_to_pay',
      detail: expect.stringContaining(`attend les prochains relevés du lieu : Médiathèque Louis Aragon`),
    });
    // Nor is there anything to write off: net, the place owes back. Nor may anyone write off
    // the rest with the statement below zero left aside, says the database.
    await expect(directWriteOff(root!.id, 300)).rejects.toThrow(/statement below zero/);
    expect(await shownTransfer(root!.id)).toMatchObject({
      remainderCents: 300,
      writeOffCents: 300 - cancelled.faceValueCents,
    });
    const nothing = await writeOff(root!.id);
    expect(nothing.statusCode, nothing.body).toBe(409);
    expect(nothing.json()).toMatchObject({
      code: 'no_remainder',
      detail: expect.stringContaining(`n° ${below.number}`),
    });

    // The place redeems again: its next statement takes the complement above zero, and the run
    // sends what the page announced.
    const more = [await redeemAt(t, place, codes[6]!), await redeemAt(t, place, codes[7]!)];
    await statements.run(t.database.db, { month: seventh, funderId: c.funderId }, dayAfterMonth(seventh));
    const fresh = await statementOf(seventh);
    const due = 300 - cancelled.faceValueCents + more.reduce((sum, r) => sum + r.faceValueCents, 0);
    const announced = await payable();
    expect(announced.heldByNetting).toEqual([]);
    expect(announced.complements).toEqual([
      expect.objectContaining({ carriedNumbers: [below.number, fresh.number], amountCents: due }),
    ]);
    const { run } = await sentRun(c, second, { accountsChecked: true });
    expect(mine(run)).toEqual([
      expect.objectContaining({ complementOf: root!.endToEndId, amountCents: due }),
    ]);
    expect(run.totalCents).toBe(
      announced.totalCents +
        announced.complements.reduce((sum: number, x: { amountCents: number }) => sum + x.amountCents, 0),
    );
  });

  it('writes off the rest netted with a statement below zero issued since: the place owes nothing back', async () => {
    const eighth = monthAfter(latest, 5);
    const ninth = nextMonth(eighth);
    const root = await paidInPart([codes[8]!, codes[9]!], eighth);
    const cancelled = await cancelRedemption(codes[9]!);
    await statements.run(t.database.db, { month: ninth, funderId: c.funderId }, dayAfterMonth(ninth));
    const below = await statementOf(ninth);
    const settled = await claim();
    const rest = root.amountCents - 500 - cancelled.faceValueCents;
    // The page offers to write off the rest netted, not the rest.
    expect(await shownTransfer(root.id)).toMatchObject({
      remainderCents: root.amountCents - 500,
      writeOffCents: rest,
    });
    const res = await writeOff(root.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ writtenOffCents: rest, remainderCents: 0 });
    expect((await statementOf(eighth)).status).toBe('paid');
    expect((await statementOf(ninth)).status).toBe('paid');
    expect(await claim()).toEqual({ ...settled, owed: settled.owed - rest });
    expect(below.total).toBe(-cancelled.faceValueCents);
    // The place reads its statement below zero as taken from the rest of the one paid in part.
    const root8 = await statementOf(eighth);
    expect(await placeStatement(below.number)).toMatchObject({ deductedFrom: [root8.number] });
    const left = await payable();
    expect(left.statements).toBe(0);
    expect(left.complements).toEqual([]);
  });

  it('writes off nothing while a pass cancelled since waits for the statement that deducts it', async () => {
    const tenth = monthAfter(latest, 7);
    const eleventh = nextMonth(tenth);
    const { codes: more } = await handedOutBooklets(t, c, 1);
    const root = await paidInPart([more[0]!, more[1]!], tenth);
    const cancelled = await cancelRedemption(more[1]!);
    const before = await claim();
    // The database refuses it too, whoever writes; met by the service (a cancellation between
    // its checks and its write), the refusal is the same answer.
    await expect(directWriteOff(root.id, 500)).rejects.toThrow(/wait for their statement/);
    const fromDb = await repo
      .insertWriteOff(t.database.db, {
        transferId: root.id,
        funderId: c.funderId,
        amountCents: 500,
        reason: 'Essai.',
        decidedBy: (
          await t.database.pool.query(`SELECT id FROM users WHERE email = 'financeur@hautsdefrance.test'`)
        ).rows[0].id,
      })
      .then(
        () => null,
        (e) => e,
      );
    expect(() => payments.writeOffRefused(fromDb)).toThrow(
      expect.objectContaining({ code: 'write_off_pending_cancellations' }),
    );
    const refused = await writeOff(root.id);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'write_off_pending_cancellations',
      detail: expect.stringContaining('prochain relevé'),
    });
    expect(await claim()).toEqual(before);

    await statements.run(t.database.db, { month: eleventh, funderId: c.funderId }, dayAfterMonth(eleventh));
    const done = await writeOff(root.id);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      writtenOffCents: root.amountCents - 500 - cancelled.faceValueCents,
      remainderCents: 0,
    });
    expect((await statementOf(eleventh)).status).toBe('paid');
  });

  it('counts the whole rest of a transfer paid in part again once the bank refused its complement netted with a statement below zero', async () => {
    const twelfth = monthAfter(latest, 10);
    const thirteenth = nextMonth(twelfth);
    const { codes: more } = await handedOutBooklets(t, c, 1);
    await paidInPart([more[0]!, more[1]!], twelfth);
    const cancelled = await cancelRedemption(more[1]!);
    await statements.run(
      t.database.db,
      { month: thirteenth, funderId: c.funderId },
      dayAfterMonth(thirteenth),
    );
    const rest = async () => {
      const payables = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables`)).json();
      return payables.rows.find(
        (r: { placeId: string; programId: string }) => r.placeId === place && r.programId === c.programId,
      ).remainderCents as number;
    };
    const before = await rest();
    const { run } = await sentRun(c, second, { accountsChecked: true });
    expect(mine(run)).toEqual([expect.objectContaining({ complementOf: expect.any(String) })]);
    // In the file, the complement nets the statement below zero with the rest.
    expect(await rest()).toBe(before - cancelled.faceValueCents);
    const res = await c.funder.request(
      'POST',
      `/api/v1/funders/${c.funderId}/payment-runs/${run.id}/reject`,
      {
        reason: 'Compte du débiteur bloqué',
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    // Refused, the file nets nothing: the rest is whole again, the statement below zero apart.
    expect(await rest()).toBe(before);
  });
});
