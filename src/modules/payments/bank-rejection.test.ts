import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { addDays, businessDate, frenchDate, frenchShortDate } from '../../core/dates.js';
import { nextBankBusinessDay } from '../../core/french-holidays.js';
import { standingDetails, standingHeadline } from '../../core/statement-standing.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
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
 * The bank refused a whole SEPA file (its pain.002 rejection: wrong format, debtor account
 * blocked, cut-off missed): none of its transfers was booked. Before, the run stayed « Transmis »
 * for ever, its statements held by it, the places never paid. A funder admin records the
 * rejection with its reason: the run is `rejected`, its transfers too, its statements go into
 * the next run; nothing moved in the ledger, so nothing moves back. And a run sent days after it
 * was prepared asks the bank for the next bank business day, not for a day gone by.
 */
const XSD = readFileSync(new URL('../../core/sepa/fixtures/pain.001.001.03.xsd', import.meta.url), 'utf8');

let t: TestApp;
let c: Circulation;
let second: Client;
let placeAdmin: Client;
let mediatheque: string;
const month = businessDate().slice(0, 7);
const today = businessDate();

type Transfer = {
  id: string;
  placeId: string;
  programId: string;
  endToEndId: string;
  amountCents: number;
  statementNumbers: string[];
  complementOf: string | null;
  status: string;
};
type Run = {
  id: string;
  messageId: string;
  status: string;
  totalCents: number;
  requestedExecutionDate: string;
  sentExecutionDate: string | null;
  transfers: Transfer[];
};

const runsUrl = () => `/api/v1/funders/${c.funderId}/payment-runs`;
const overview = async () => (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payments`)).json();
const shownRun = async (id: string): Promise<Run> => (await overview()).runs.find((r: Run) => r.id === id);
const reject = (client: Client, runId: string, reason: string) =>
  client.request('POST', `${runsUrl()}/${runId}/reject`, { reason });
const mine = (run: { transfers: Transfer[] }) => run.transfers.find((x) => x.placeId === mediatheque)!;
const claim = () => placeClaim(t, c.programId, mediatheque);
/** The Médiathèque's line of the funder's « Sommes dues aux lieux ». */
const owedRow = async () =>
  (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables`))
    .json()
    .rows.find(
      (r: { placeId: string; programId: string }) => r.placeId === mediatheque && r.programId === c.programId,
    );
const statementOf = () => monthStatement(t, c.programId, mediatheque, month);

/** What a rejection must leave as it is: each place's claim, the programme's balances, its postings. */
async function ledgerState(run: Run) {
  const claims = [];
  for (const x of run.transfers) claims.push([x.placeId, await placeClaim(t, x.programId, x.placeId)]);
  const { rows } = await t.database.pool.query(
    'SELECT count(*)::int AS n FROM ledger_postings WHERE funder_id = $1',
    [c.funderId],
  );
  return { claims, balances: await ledger.balancesOf(t.database.db, c.programId), postings: rows[0].n };
}

async function auditEntry(action: string, objectId: string) {
  const audit = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/audit`)).json();
  return audit.entries.find(
    (e: { action: string; objectId: string }) => e.action === action && e.objectId === objectId,
  ) as { actionLabel: string; objectLabel: string; details: string[] } | undefined;
}

/** A run approved days after it was prepared: the day it asked the bank for is gone (the guard keeps it otherwise). */
async function backdate(runId: string, day: string) {
  const client = await t.database.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE payment_runs DISABLE TRIGGER payment_runs_guard');
    await client.query('UPDATE payment_runs SET requested_execution_date = $1 WHERE id = $2', [day, runId]);
    await client.query('ALTER TABLE payment_runs ENABLE TRIGGER payment_runs_guard');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  ({ c, mediatheque, second, placeAdmin } = await paymentsScene(t, 'tresorerie@hautsdefrance.test'));
  await statedRedemptions(t, c, placeAdmin, mediatheque, 2);
});
afterAll(() => t.close());

describe('a file the bank refused', () => {
  let refused: Run;
  let statement: Awaited<ReturnType<typeof statementOf>>;
  let paid: Run;

  it('is recorded by a funder admin only, with a reason, and for a run sent to the bank only', async () => {
    refused = (await sentRun(c, second)).run;
    refused = await shownRun(refused.id);
    expect(refused.status).toBe('sent');
    const viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect((await reject(viewer, refused.id, 'Compte débiteur bloqué')).statusCode).toBe(403);
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await reject(other, refused.id, 'Compte débiteur bloqué')).statusCode).toBe(404);
    const blank = await reject(c.funder, refused.id, '   ');
    expect(blank.statusCode).toBe(422);
    expect(blank.json().errors).toEqual([
      expect.objectContaining({ field: 'reason', message: expect.stringContaining('motif obligatoire') }),
    ]);
    // The demo's run approved and not sent: the bank never saw it; it is cancelled instead.
    const approved = (await overview()).runs.find((r: Run) => r.status === 'approved');
    const early = await reject(c.funder, approved.id, 'Compte débiteur bloqué');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'run_state',
      detail: expect.stringContaining('pas encore été transmis à la banque'),
    });
    expect((await shownRun(refused.id)).status).toBe('sent');
  });

  it('rejects the run and its transfers, frees its statements for the next run, and leaves the ledger as it was', async () => {
    statement = await statementOf();
    expect(statement.status).toBe('in_payment');
    const before = await ledgerState(refused);
    const payableBefore = (await overview()).payable;
    const owedBefore = await owedRow();
    const res = await reject(c.funder, refused.id, '  Compte débiteur bloqué (rejet pain.002)\nAM04  ');
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json();
    expect(run).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Compte débiteur bloqué (rejet pain.002)\nAM04',
      rejectedBy: expect.any(String),
      rejectedAt: expect.any(String),
      sentAt: expect.any(String),
      sentExecutionDate: refused.requestedExecutionDate,
    });
    expect(run.transfers.map((x: Transfer) => x.status)).toEqual(run.transfers.map(() => 'rejected'));
    // Nothing was paid: nothing is taken back.
    expect(await ledgerState(refused)).toEqual(before);
    // Its statements are to pay again, as the next run will plan them.
    const payable = (await overview()).payable;
    expect(payable.statements).toBe(
      payableBefore.statements + refused.transfers.flatMap((x) => x.statementNumbers).length,
    );
    expect(payable.totalCents).toBe(payableBefore.totalCents + refused.totalCents);
    // The sums owed no longer say it is at the bank: approved, to send again.
    expect(await owedRow()).toMatchObject({
      sentCents: owedBefore.sentCents - mine(refused).amountCents,
      approvedCents: owedBefore.approvedCents + mine(refused).amountCents,
      owedCents: owedBefore.owedCents,
    });
    // For the place the statement stays approved and in payment: its transfer comes with the next
    // run. It reads that the bank refused the file, not that the statement is at the bank.
    expect(await statementOf()).toMatchObject({ status: 'in_payment', paidOn: null });
    const shown = (await placeAdmin.request('GET', `/api/v1/places/${mediatheque}/statements`))
      .json()
      .statements.find((x: { number: string }) => x.number === statement.number);
    expect(shown.bankRefusedOn).toBe(today);
    expect(standingHeadline(shown)).toBe('Approuvé');
    expect(standingDetails(shown, String)).toBe(
      `La banque a refusé le ${frenchDate(today)} le fichier de virements qui devait le payer : le financeur l’enverra dans un prochain lot.`,
    );
    const entry = await auditEntry('payment_run.reject', refused.id);
    expect(entry?.actionLabel).toBe('Fichier de virements refusé par la banque');
    expect(entry?.details).toContain('Motif : Compte débiteur bloqué (rejet pain.002)\nAM04');
  });

  it('is recorded once, and the refused file is not given again', async () => {
    const again = await reject(c.funder, refused.id, 'Encore');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'run_state', detail: expect.stringContaining('refusé') });
    const file = await c.funder.request('POST', `${runsUrl()}/${refused.id}/sepa`);
    expect(file.statusCode).toBe(409);
    expect(file.json()).toMatchObject({ code: 'run_state', detail: expect.stringContaining('refusé') });
  });

  it('pays nothing if a bank statement shows a transfer of the refused file anyway', async () => {
    const before = await ledgerState(refused);
    const report = await importedBankFile(
      t,
      c,
      camt053(today, [[mine(refused).endToEndId, mine(refused).amountCents]]),
    );
    // Not « référence inconnue »: the platform made that reference, and a bank that booked a
    // transfer of a file recorded as refused may pay the place twice once the next run goes.
    expect(report.lines[0]).toMatchObject({ outcome: 'unmatched', reason: 'rejected_run' });
    expect(await ledgerState(refused)).toEqual(before);
  });

  it('may go into a new run cancelled once approved: in payment still, to pay again', async () => {
    const payableBefore = (await overview()).payable;
    const prepared = await c.funder.request('POST', runsUrl(), {});
    expect(prepared.statusCode, prepared.body).toBe(201);
    const run: Run = prepared.json();
    expect(mine(run).statementNumbers).toEqual([statement.number]);
    expect((await second.request('POST', `${runsUrl()}/${run.id}/approve`)).statusCode).toBe(200);
    expect((await statementOf()).status).toBe('in_payment');
    const cancelled = await c.funder.request('POST', `${runsUrl()}/${run.id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await statementOf()).status).toBe('in_payment');
    expect((await overview()).payable).toMatchObject({
      statements: payableBefore.statements,
      totalCents: payableBefore.totalCents,
    });
    // Each step of the run in the journal names the run, as its SEPA file's download does.
    for (const action of ['payment_run.prepare', 'payment_run.approve', 'payment_run.cancel']) {
      const entry = await auditEntry(action, run.id);
      expect(entry?.objectLabel, action).toBe(`Lot de paiement « ${run.messageId} »`);
      expect(entry?.details, action).toContain(`Référence du fichier de virements : ${run.messageId}`);
    }
  });

  it('goes into a new run sent days after it was prepared: its file asks for the next bank business day, and the bank pays it', async () => {
    const prepared = await c.funder.request('POST', runsUrl(), {});
    expect(prepared.statusCode, prepared.body).toBe(201);
    const run: Run = prepared.json();
    expect(mine(run)).toMatchObject({ statementNumbers: [statement.number], amountCents: statement.total });
    expect(mine(run).endToEndId).not.toBe(mine(refused).endToEndId);
    // Approved and sent a week after the day it asked the bank for.
    const past = addDays(today, -7);
    await backdate(run.id, past);
    const approved = await second.request('POST', `${runsUrl()}/${run.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await statementOf()).status).toBe('in_payment');
    const file = await c.funder.request('POST', `${runsUrl()}/${run.id}/sepa`);
    expect(file.statusCode, file.body).toBe(200);
    const next = nextBankBusinessDay(today);
    expect(file.body).toContain(`<ReqdExctnDt>${next}</ReqdExctnDt>`);
    const valid = await validateXML({ xml: [{ fileName: 'run.xml', contents: file.body }], schema: [XSD] });
    expect(valid.errors).toEqual([]);
    paid = await shownRun(run.id);
    expect(paid).toMatchObject({ status: 'sent', requestedExecutionDate: past, sentExecutionDate: next });
    expect((await auditEntry('payment_run.sepa_download', run.id))?.details).toContain(
      `Date d’exécution demandée : ${frenchShortDate(next)}`,
    );
    // A copy of the file is the very same file.
    expect((await c.funder.request('POST', `${runsUrl()}/${run.id}/sepa`)).body).toBe(file.body);
    // At the bank again: the place no longer reads of the refusal.
    const atBank = (await placeAdmin.request('GET', `/api/v1/places/${mediatheque}/statements`))
      .json()
      .statements.find((x: { number: string }) => x.number === statement.number);
    expect(atBank).toMatchObject({ bankRefusedOn: null, status: 'in_payment' });

    const before = await claim();
    const report = await importedBankFile(
      t,
      c,
      camt053(today, [[mine(paid).endToEndId, mine(paid).amountCents]]),
    );
    expect(report.counts).toMatchObject({ matched: 1 });
    expect(await statementOf()).toMatchObject({ status: 'paid', paidOn: today });
    expect(await claim()).toEqual({
      owed: before.owed - mine(paid).amountCents,
      paid: before.paid + mine(paid).amountCents,
    });
  });

  it('is refused once the bank booked a transfer of the run, naming it', async () => {
    const res = await reject(c.funder, paid.id, 'Fichier refusé');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'run_transfers_booked',
      detail: expect.stringContaining(
        `Médiathèque Louis Aragon (virement ${mine(paid).endToEndId}, payé le ${frenchDate(today)})`,
      ),
    });
    expect((await shownRun(paid.id)).status).toBe('sent');
  });

  it('is refused by the database itself when a transfer of the run is paid, even in SQL', async () => {
    const q = (text: string, values: unknown[]) => t.database.pool.query(text, values);
    await expect(
      q(
        `UPDATE payment_runs SET status = 'rejected', rejected_at = now(), rejected_by = prepared_by,
                rejection_reason = 'En SQL' WHERE id = $1`,
        [paid.id],
      ),
    ).rejects.toThrow(/cannot be rejected: the bank booked/);
    // What was recorded of the rejection and of the sending is never rewritten.
    await expect(
      q(`UPDATE payment_runs SET rejection_reason = 'Autre' WHERE id = $1`, [refused.id]),
    ).rejects.toThrow(/is rewritten/);
    await expect(
      q(`UPDATE payment_runs SET sent_execution_date = sent_execution_date + 1 WHERE id = $1`, [paid.id]),
    ).rejects.toThrow(/is rewritten/);
    await expect(q(`UPDATE payment_runs SET status = 'sent' WHERE id = $1`, [refused.id])).rejects.toThrow(
      /cannot go from rejected to sent/,
    );
    // A rejected transfer is never paid, and a sent one is rejected only with its run.
    await expect(
      q(
        `UPDATE payment_transfers SET status = 'paid', paid_cents = amount_cents, paid_on = $2 WHERE run_id = $1`,
        [refused.id, today],
      ),
    ).rejects.toThrow(/cannot go from rejected to paid/);
    const demoRun = (await overview()).runs.find((r: Run) => r.status === 'approved');
    const sent = await c.funder.request('POST', `${runsUrl()}/${demoRun.id}/sepa`);
    expect(sent.statusCode, sent.body).toBe(200);
    await expect(
      q(`UPDATE payment_transfers SET status = 'rejected' WHERE run_id = $1`, [demoRun.id]),
    ).rejects.toThrow(/rejected only with its run/);
  });
});

describe('a complement in a file the bank refused', () => {
  it('is due again once the rejection is recorded, and the next run pays it', async () => {
    const { runs } = await overview();
    const first = mine(runs.find((r: Run) => r.status === 'sent' && mine(r)?.status === 'paid'));
    // The bank sent the payment back (closed account); the place gives another account.
    await importedBankFile(t, c, camt053(today, [[first.endToEndId, first.amountCents, 'AC04']]));
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
    // An account replaced, and shared with the Centre social: the approver checks them.
    const { run: withComplement } = await sentRun(c, second, { accountsChecked: true });
    expect(mine(withComplement)).toMatchObject({
      complementOf: first.endToEndId,
      amountCents: first.amountCents,
    });
    expect((await overview()).payable.complements).toEqual([]);

    const before = await claim();
    const res = await reject(c.funder, withComplement.id, 'Date limite de remise dépassée');
    expect(res.statusCode, res.body).toBe(200);
    expect(await claim()).toEqual(before);
    expect((await overview()).payable.complements).toMatchObject([
      { endToEndId: first.endToEndId, remainderCents: first.amountCents, amountCents: first.amountCents },
    ]);

    const { run: again } = await sentRun(c, second, { accountsChecked: true });
    expect(mine(again)).toMatchObject({ complementOf: first.endToEndId, amountCents: first.amountCents });
    const report = await importedBankFile(
      t,
      c,
      camt053(today, [[mine(again).endToEndId, mine(again).amountCents]]),
    );
    expect(report.counts).toMatchObject({ matched: 1 });
    expect(await statementOf()).toMatchObject({ status: 'paid' });
    expect(await claim()).toEqual({
      owed: before.owed - first.amountCents,
      paid: before.paid + first.amountCents,
    });
  });
});
