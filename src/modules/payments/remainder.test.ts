import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { dayAfterMonth } from '../../core/statement.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, handedOutBooklets } from '../../test/circulation.js';
import {
  acceptPartialLines,
  type BankReport,
  camt053,
  giveBankAccounts,
  importedBankFile,
  monthStatement,
  paymentsScene,
} from '../../test/payments.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from '../statements/service.js';

/**
 * Issue 12, point 5, after a partial payment: the bank booked less than a transfer and the
 * funder accepted it. The remainder is paid by a complementary transfer of the next run (or
 * written off, with a reason); when the transfers together paid the statement, it is `paid`
 * once, with one e-mail, and the ledger balances (owed + paid + written off = redeemed).
 */
const XSD = readFileSync(new URL('../../core/sepa/fixtures/pain.001.001.03.xsd', import.meta.url), 'utf8');

let t: TestApp;
let c: Circulation;
let second: Client;
let placeAdmin: Client;
let mediatheque: string;
let centre: string;
let codes: string[];
const month = businessDate().slice(0, 7);
// The bank books on the day of the import: the payables "as of" today then count it.
const today = businessDate();

const redeem = (placeId: string, code: string) =>
  redemptions.redeem(
    t.database.db,
    { placeId, userId: null, keyId: null, label: 'test' },
    { code, nonce: randomUUID(), theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' },
    24,
  );

const runs = () => `/api/v1/funders/${c.funderId}/payment-runs`;
const writeOff = (transferId: string) =>
  `/api/v1/funders/${c.funderId}/payment-transfers/${transferId}/write-off`;

async function claim(placeId: string) {
  const { rows } = await t.database.pool.query(
    `SELECT coalesce(sum(amount_cents) FILTER (WHERE account = 'redeemed'), 0)::int AS owed,
            coalesce(sum(amount_cents) FILTER (WHERE account = 'paid'), 0)::int AS paid,
            coalesce(sum(amount_cents) FILTER (WHERE account = 'written_off'), 0)::int AS "writtenOff"
       FROM ledger_postings WHERE program_id = $1 AND place_id = $2`,
    [c.programId, placeId],
  );
  return rows[0] as { owed: number; paid: number; writtenOff: number };
}

const statementOf = (placeId: string) => monthStatement(t, c.programId, placeId, month);
const importFile = (body: string) => importedBankFile(t, c, body);

const acceptPartials = (report: BankReport) => acceptPartialLines(c, report);

/** Prepares a run, has the second admin approve it and downloads its file (which sends it). */
async function payRun() {
  const prepared = await c.funder.request('POST', runs(), {});
  expect(prepared.statusCode).toBe(201);
  const run = prepared.json();
  expect((await second.request('POST', `${runs()}/${run.id}/approve`)).statusCode).toBe(200);
  const file = await c.funder.request('POST', `${runs()}/${run.id}/sepa`);
  expect(file.statusCode).toBe(200);
  return { run, xml: file.body };
}

type Transfer = {
  id: string;
  placeId: string;
  endToEndId: string;
  amountCents: number;
  statementNumbers: string[];
  complementOf: string | null;
  remainderCents: number;
  writtenOffCents: number;
  status: string;
};
const of = (run: { transfers: Transfer[] }, placeId: string) =>
  run.transfers.find((x) => x.placeId === placeId)!;

async function payablesRow(placeId: string) {
  const res = await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables`);
  return res
    .json()
    .rows.find(
      (r: { placeId: string; programId: string }) => r.placeId === placeId && r.programId === c.programId,
    );
}

async function placeStatement(placeId: string, client: Client, number: string) {
  const list = (await client.request('GET', `/api/v1/places/${placeId}/statements`)).json();
  return list.statements.find((s: { number: string }) => s.number === number);
}

/** The place's statement of the month as its funder lists it. */
async function funderStatement(placeId: string) {
  const res = await c.funder.request(
    'GET',
    `/api/v1/funders/${c.funderId}/statements?placeId=${placeId}&programId=${c.programId}&month=${month}`,
  );
  expect(res.statusCode).toBe(200);
  return res.json().statements[0];
}

async function paidMails(number: string) {
  const { rows } = await t.database.pool.query(
    `SELECT recipient FROM notification_outbox WHERE template = 'statement_paid' AND params::text LIKE $1`,
    [`%${number}%`],
  );
  return rows.length;
}

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  ({ c, mediatheque, second, placeAdmin } = await paymentsScene(t, 'tresorerie@hautsdefrance.test'));
  centre = c.organisations['Centre social Arras Ouest']!;
  ({ codes } = await handedOutBooklets(t, c, 1));
  for (const code of codes.slice(0, 3)) await redeem(mediatheque, code);
  await giveBankAccounts(c, placeAdmin, mediatheque);
  await statements.run(t.database.db, { month, funderId: c.funderId }, dayAfterMonth(month));
});
afterAll(() => t.close());

describe('the remainder of a partial payment', () => {
  let first: Transfer;
  let statement: { id: string; number: string; total: number };
  let before: { owed: number; paid: number; writtenOff: number };
  let complement: Transfer;
  let centreTransfer: Transfer;

  it('a camt.053 paying less, accepted: the statement is paid in part, the remainder shown', async () => {
    before = await claim(mediatheque);
    statement = await statementOf(mediatheque);
    const { run } = await payRun();
    first = of(run, mediatheque);
    const partial = await importFile(camt053(today, [[first.endToEndId, 100]]));
    await acceptPartials(partial);
    expect(await claim(mediatheque)).toEqual({ ...before, owed: before.owed - 100, paid: before.paid + 100 });
    // The list of imports counts the line accepted among those reconciled (« Rapprochées »): it
    // read 0 there, as if the person's decision had reconciled nothing.
    const listed = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payments`))
      .json()
      .imports.find((i: { id: string }) => i.id === partial.id);
    expect(listed).toMatchObject({
      counts: { matched: 0, partial: 1 },
      reconciled: 1,
      accepted: 1,
      pending: 0,
    });
    expect((await statementOf(mediatheque)).status).toBe('in_payment');
    // The place reads what it received, and what is still to come.
    const mine = await placeStatement(mediatheque, placeAdmin, statement.number);
    expect(mine).toMatchObject({
      status: 'in_payment',
      paidOn: null,
      instalments: {
        transferCents: first.amountCents,
        paidCents: 100,
        writtenOffCents: 0,
        writeOffReason: null,
        remainderCents: first.amountCents - 100,
        lastPaidOn: today,
      },
    });
    const overview = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payments`)).json();
    const shown = overview.runs
      .flatMap((r: { transfers: Transfer[] }) => r.transfers)
      .find((x: Transfer) => x.id === first.id);
    expect(shown).toMatchObject({ status: 'partial', paidCents: 100, remainderCents: statement.total - 100 });
    const row = await payablesRow(mediatheque);
    expect(row.remainderCents).toBe(statement.total - 100);
    expect(await paidMails(statement.number)).toBe(0);
  });

  it('the next run carries the complement beside the statements approved since, in one valid file', async () => {
    // The Centre social takes a pass this month: its statement comes with the next run.
    await redeem(centre, codes[3]!);
    await statements.run(t.database.db, { month, funderId: c.funderId }, dayAfterMonth(month));
    const { run, xml } = await payRun();
    complement = of(run, mediatheque);
    centreTransfer = of(run, centre);
    expect(complement).toMatchObject({
      complementOf: first.endToEndId,
      sentAgain: false,
      amountCents: statement.total - 100,
      statementNumbers: [statement.number],
    });
    expect(complement.endToEndId).not.toBe(first.endToEndId);
    expect(centreTransfer.complementOf).toBeNull();
    const result = await validateXML({ xml: [{ fileName: 'run.xml', contents: xml }], schema: [XSD] });
    expect(result.errors).toEqual([]);
    expect(xml).toContain(`<Ustrd>Complement releve ${statement.number}`);
    const sum = ((complement.amountCents + centreTransfer.amountCents) / 100).toFixed(2);
    expect(xml).toContain(`<CtrlSum>${sum}</CtrlSum>`);
    // The complement does not take the statement through its steps again.
    expect((await statementOf(mediatheque)).status).toBe('in_payment');
    expect((await statementOf(centre)).status).toBe('in_payment');
    // A statement whose transfer was never booked in part has no instalments.
    expect((await funderStatement(centre)).instalments).toBeNull();
  });

  it('a second camt.053 pays it: the statement is paid once, one e-mail, the ledger right', async () => {
    const report = await importFile(
      camt053(today, [
        [complement.endToEndId, complement.amountCents],
        [centreTransfer.endToEndId, 50],
      ]),
    );
    expect(report.counts).toMatchObject({ matched: 1, partial: 1 });
    await acceptPartials(report);
    expect((await statementOf(mediatheque)).status).toBe('paid');
    expect(await claim(mediatheque)).toEqual({
      ...before,
      owed: before.owed - statement.total,
      paid: before.paid + statement.total,
    });
    expect(await paidMails(statement.number)).toBe(1);
    const mine = await placeStatement(mediatheque, placeAdmin, statement.number);
    expect(mine).toMatchObject({
      status: 'paid',
      paidOn: today,
      instalments: { paidCents: first.amountCents, remainderCents: 0, writtenOffCents: 0 },
    });
    expect((await payablesRow(mediatheque)).remainderCents).toBe(0);
    // Nothing of it is proposed again.
    const again = await importFile(camt053(today, [[complement.endToEndId, complement.amountCents]]));
    expect(again.lines[0]).toMatchObject({ outcome: 'unmatched', reason: 'already_settled' });
    expect(await paidMails(statement.number)).toBe(0 + 1);
  });

  it('refuses a write-off without a reason (422 naming it), of another funder’s transfer (404)', async () => {
    const bare = await c.funder.request('POST', writeOff(centreTransfer.id), { reason: ' ' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().errors[0].field).toBe('reason');
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    const { rows } = await t.database.pool.query(`SELECT id FROM funders WHERE name ILIKE '%Pas-de-Calais%'`);
    const otherFunder = rows[0].id;
    const foreign = await other.request(
      'POST',
      `/api/v1/funders/${otherFunder}/payment-transfers/${centreTransfer.id}/write-off`,
      { reason: 'essai' },
    );
    expect(foreign.statusCode).toBe(404);
    // A transfer paid in full has no remainder to write off.
    const full = await c.funder.request('POST', writeOff(complement.id), { reason: 'essai' });
    expect(full.statusCode).toBe(409);
  });

  it('writes the remainder off with a reason, audited: the claim closes, visible as written off, once', async () => {
    const centreBefore = await claim(centre);
    const centreStatement = await statementOf(centre);
    const remainder = centreTransfer.amountCents - 50;
    const res = await c.funder.request('POST', writeOff(centreTransfer.id), {
      reason: 'Le lieu a accepté une retenue pour une séance non conforme.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'partial', remainderCents: 0, writtenOffCents: remainder });
    expect(await claim(centre)).toEqual({
      owed: centreBefore.owed - remainder,
      paid: centreBefore.paid,
      writtenOff: centreBefore.writtenOff + remainder,
    });
    expect((await statementOf(centre)).status).toBe('paid');
    expect((await payablesRow(centre)).writtenOffCents).toBe(remainder);
    // The programme's closure says the same as the payables: what is still owed to the places,
    // without the written-off rest, which it shows apart.
    const rows = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables`))
      .json()
      .rows.filter((r: { programId: string }) => r.programId === c.programId);
    const total = (key: string) => rows.reduce((t: number, r: Record<string, number>) => t + r[key]!, 0);
    const closure = (await c.funder.request('GET', `/api/v1/programs/${c.programId}/closure`)).json();
    expect(closure.money).toMatchObject({
      owedCents: total('owedCents'),
      paidCents: total('paidCents'),
      writtenOffCents: total('writtenOffCents'),
    });
    expect((await funderStatement(centre)).instalments).toEqual({
      transferCents: centreTransfer.amountCents,
      paidCents: 50,
      writtenOffCents: remainder,
      writeOffReason: 'Le lieu a accepté une retenue pour une séance non conforme.',
      remainderCents: 0,
      lastPaidOn: today,
      returnedOn: null,
      returnReason: null,
      awaitingAccount: false,
    });
    const twice = await c.funder.request('POST', writeOff(centreTransfer.id), { reason: 'encore' });
    expect(twice.statusCode).toBe(409);
    const audit = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/audit`)).json();
    expect(audit.entries.some((e: { action: string }) => e.action === 'payment_transfer.write_off')).toBe(
      true,
    );
    // The next run proposes no complement for it.
    const next = await c.funder.request('POST', runs(), {});
    expect(next.statusCode).toBe(409);
    expect(centreStatement.number).toBeTruthy();
  });
});
