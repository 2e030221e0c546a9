import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs, { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { addDays, businessDate, frenchDate, frenchShortDate } from '../../core/dates.js';
import { frenchHolidays, isBankBusinessDay, nextBankBusinessDay } from '../../core/french-holidays.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { dayAfterMonth, nextMonth } from '../../core/statement.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, handedOutBooklets } from '../../test/circulation.js';
import { giveBankAccounts, importBankFile, paymentsScene, placeClaim } from '../../test/payments.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from '../statements/service.js';

/**
 * Issue 12, points 3 to 5: a payment run prepared from the statements issued, approved by
 * another admin (four eyes), sent as a SEPA file the official XSD accepts, then reconciled
 * with the bank's camt.053: the place is paid in the ledger and its statement is `paid`.
 */
const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');
const XSD = readFileSync(new URL('../../core/sepa/fixtures/pain.001.001.03.xsd', import.meta.url), 'utf8');

let t: TestApp;
let c: Circulation;
let second: Client;
let placeAdmin: Client;
let placeId: string;
const month = businessDate().slice(0, 7);

const caller = () => ({ placeId, userId: null, keyId: null, label: 'test' });
const redeem = async (code: string) =>
  (
    await redemptions.redeem(
      t.database.db,
      caller(),
      { code, nonce: randomUUID(), theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' },
      24,
    )
  ).redemption;

const payments = () => `/api/v1/funders/${c.funderId}/payments`;
const runs = () => `/api/v1/funders/${c.funderId}/payment-runs`;

/** The Médiathèque's approved and sent columns of the payables, today. */
async function staged() {
  const res = await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables`);
  const row = res
    .json()
    .rows.find(
      (r: { placeId: string; programId: string }) => r.placeId === placeId && r.programId === c.programId,
    );
  return { approved: row.approvedCents, sent: row.sentCents };
}

const claim = () => placeClaim(t, c.programId, placeId);

/** This month's statement of the Médiathèque (the demo's earlier ones are paid or in a run). */
async function statementStatus() {
  const { rows } = await t.database.pool.query(
    `SELECT number, status, total_cents::int AS total FROM statements
      WHERE program_id = $1 AND place_id = $2 AND month = $3::date`,
    [c.programId, placeId, `${month}-01`],
  );
  return rows;
}

// The bank booked it today: a statement of the bank shows no day to come.
const booked = businessDate();

function camt(endToEndId: string, amount: string, extra = '') {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>R1</MsgId><CreDtTm>${booked}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><CreDtTm>${booked}T18:00:00</CreDtTm><Acct><Id><IBAN>FR7610071590000000100123486</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${booked}</Dt></BookgDt>
<NtryDtls><TxDtls><Refs><EndToEndId>${endToEndId}</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>${extra}
</Stmt></BkToCstmrStmt></Document>`;
}

const importFile = (client: Client, body: string, format = 'camt053') =>
  importBankFile(t, c, client, body, format);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  ({ c, mediatheque: placeId, second, placeAdmin } = await paymentsScene(t, 'tresorerie@hautsdefrance.test'));
  const { codes } = await handedOutBooklets(t, c, 1);
  for (const code of codes.slice(0, 3)) await redeem(code);
  // The Centre social takes a pass this month too (the demo's statements of it are of past months).
  await redemptions.redeem(
    t.database.db,
    { ...caller(), placeId: c.organisations['Centre social Arras Ouest']! },
    {
      code: codes[3]!,
      nonce: randomUUID(),
      theme: STANDARD_SERVICES[0],
      durationMinutes: 60,
      format: 'individual',
    },
    24,
  );
  await giveBankAccounts(c, placeAdmin, placeId);
  await statements.run(t.database.db, { month, funderId: c.funderId }, dayAfterMonth(month));
});
afterAll(() => t.close());

describe('payment runs', () => {
  let runId: string;
  let endToEndId: string;
  let before: { owed: number; paid: number };
  let amount: number;
  let sepa: string;
  let staging: { approved: number; sent: number };

  it('refuses an execution date the banks do not execute on, naming the field, and prepares nothing', async () => {
    const today = businessDate();
    const year = Number(today.slice(0, 4)) + 1;
    // Next year's Easter Monday is its first holiday in March or April; Good Friday (TARGET2
    // closed, no French holiday) is three days before, Ascension (a French holiday only) 38 after.
    const easterMonday = [...frenchHolidays(year)].filter((d) => /-0[34]-/.test(d)).sort()[0]!;
    let saturday = addDays(today, 1);
    while (new Date(`${saturday}T12:00:00Z`).getUTCDay() !== 6) saturday = addDays(saturday, 1);
    const closed = [saturday, addDays(easterMonday, -3), easterMonday, addDays(easterMonday, 38)];
    const runsBefore = (await c.funder.request('GET', payments())).json().runs.length;
    for (const day of closed) {
      const res = await c.funder.request('POST', runs(), { requestedExecutionDate: day });
      expect(res.statusCode, day).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const { errors } = res.json();
      expect(errors.map((e: { field: string }) => e.field)).toEqual(['requestedExecutionDate']);
      expect(errors[0].message).toBe(
        `Les banques n’exécutent pas de virement le ${frenchDate(day)} (week-end, jour férié ou fermeture du système européen TARGET2) : choisissez un jour ouvré bancaire, par exemple le ${frenchDate(nextBankBusinessDay(day))}.`,
      );
    }
    expect((await c.funder.request('GET', payments())).json().runs).toHaveLength(runsBefore);
  });

  it('refuses an execution date more than a year ahead, as the banks would, and prepares nothing', async () => {
    const runsBefore = (await c.funder.request('GET', payments())).json().runs.length;
    const last = addDays(businessDate(), 365);
    for (const day of ['9999-12-31', nextBankBusinessDay(last)]) {
      const res = await c.funder.request('POST', runs(), { requestedExecutionDate: day });
      expect(res.statusCode, day).toBe(422);
      expect(res.json().errors).toEqual([
        {
          field: 'requestedExecutionDate',
          message: `Une banque n’accepte pas un ordre de virement à plus d’un an : choisissez une date jusqu’au ${frenchDate(last)}.`,
        },
      ]);
    }
    expect((await c.funder.request('GET', payments())).json().runs).toHaveLength(runsBefore);
  });

  it('prepares one transfer per place and programme from the statements issued', async () => {
    before = await claim();
    amount = (await statementStatus())[0].total;
    expect(amount).toBeGreaterThan(0);
    const overview = (await c.funder.request('GET', payments())).json();
    // This month's statements of the Médiathèque and of the Centre social (both gave an account).
    expect(overview.payable.statements).toBe(2);
    const res = await c.funder.request('POST', runs(), {});
    expect(res.statusCode).toBe(201);
    const run = res.json();
    runId = run.id;
    expect(run.status).toBe('prepared');
    // By default the bank is asked to execute on the next day it executes transfers.
    expect(run.requestedExecutionDate).toBe(nextBankBusinessDay(businessDate()));
    expect(isBankBusinessDay(run.requestedExecutionDate)).toBe(true);
    expect(run.transfers.map((x: { placeName: string }) => x.placeName)).toEqual([
      'Centre social Arras Ouest',
      'Médiathèque Louis Aragon',
    ]);
    const mine = run.transfers.find((x: { placeId: string }) => x.placeId === placeId);
    expect(mine).toMatchObject({
      amountCents: amount,
      statementNumbers: [(await statementStatus())[0].number],
    });
    expect(run.totalCents).toBe(run.transfers[0].amountCents + run.transfers[1].amountCents);
    endToEndId = mine.endToEndId;
    expect(endToEndId.length).toBeLessThanOrEqual(35);
    // The same statements never go into a second run.
    const again = await c.funder.request('POST', runs(), {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('nothing_to_pay');
  });

  it('refuses approval to the admin who prepared the run (four eyes), and says so on the run', async () => {
    const run = (await c.funder.request('GET', payments())).json().runs[0];
    expect(run.mayApprove).toBe(false);
    expect(run.approveBlockedReason).toMatch(/quatre yeux/);
    const res = await c.funder.request('POST', `${runs()}/${runId}/approve`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('four_eyes');
    expect((await statementStatus())[0].status).toBe('issued');
  });

  it('lets a second admin approve: the statements are approved', async () => {
    const res = await second.request('POST', `${runs()}/${runId}/approve`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('approved');
    expect((await statementStatus())[0].status).toBe('approved');
    staging = await staged();
    expect(staging.approved).toBeGreaterThanOrEqual(amount);
  });

  it('writes a SEPA file the official XSD accepts from the command line, and puts the statements in payment', async () => {
    const out = path.join(os.tmpdir(), `virements-${randomUUID()}.xml`);
    const env = { ...process.env, DATABASE_URL: t.database.url };
    const cli = await run(
      TSX,
      ['src/cli.ts', 'payments', 'sepa', '--funder', c.funderId, '--run', runId, '--out', out],
      {
        env,
      },
    );
    expect(cli.stdout).toMatch(/2 virements/);
    sepa = fs.readFileSync(out, 'utf8');
    fs.rmSync(out);
    const result = await validateXML({ xml: [{ fileName: 'run.xml', contents: sepa }], schema: [XSD] });
    expect(result.errors).toEqual([]);
    expect(sepa).toContain(`<EndToEndId>${endToEndId}</EndToEndId>`);
    expect(sepa).toContain('<Nm>Mediatheque Louis Aragon</Nm>');
    expect(sepa).toContain(`<InstdAmt Ccy="EUR">${(amount / 100).toFixed(2)}</InstdAmt>`);
    expect(sepa.match(/<CdtTrfTxInf>/g)).toHaveLength(2);
    expect(sepa).toContain(`<ReqdExctnDt>${nextBankBusinessDay(businessDate())}</ReqdExctnDt>`);
    expect((await statementStatus())[0].status).toBe('in_payment');
    // The payables move the statement from approved to sent for payment.
    expect(await staged()).toEqual({ approved: staging.approved - amount, sent: staging.sent + amount });
  }, 60_000);

  it('gives the same file again in the web app, each download in the audit trail', async () => {
    const res = await c.funder.request('POST', `${runs()}/${runId}/sepa`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="virements-PN-/);
    expect(res.body).toBe(sepa);
    const audit = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/audit`)).json();
    const downloads = audit.entries.filter(
      (e: { action: string; objectId: string }) =>
        e.action === 'payment_run.sepa_download' && e.objectId === runId,
    );
    expect(downloads).toHaveLength(2);
  });

  it('reads money coming back in a CSV as a credit: for a transfer not paid yet, shown and nothing paid', async () => {
    // A closed account: the bank books the transfer, then returns it with the same reference.
    const euros = (amount / 100).toFixed(2).replace('.', ',');
    const csv = [
      'date;montant;référence de bout en bout;libellé',
      `${frenchShortDate(booked)};${euros};${endToEndId};RETOUR VIREMENT COMPTE CLOS`,
      `${frenchShortDate(booked)};+${euros};${endToEndId};RETOUR VIREMENT`,
    ].join('\n');
    const res = await importFile(c.funder, csv, 'csv');
    expect(res.statusCode, res.body).toBe(201);
    // The debit was never booked: the credits cannot be a return of a payment (returned.test.ts),
    // and carrying our reference they are left to a person rather than ignored.
    expect(res.json().counts).toMatchObject({
      matched: 0,
      partial: 0,
      returned: 0,
      unmatched: 2,
      ignored: 0,
    });
    expect(res.json().lines.map((l: { debit: boolean; reason: string }) => [l.debit, l.reason])).toEqual([
      [false, 'not_paid_yet'],
      [false, 'not_paid_yet'],
    ]);
    expect(await claim()).toEqual(before);
    const run = (await c.funder.request('GET', payments())).json().runs[0];
    expect(run.transfers.find((x: { placeId: string }) => x.placeId === placeId)).toMatchObject({
      status: 'sent',
    });
  });

  it('reconciles the bank statement: the partial line waits, a matched one pays the place', async () => {
    // First the bank booked another amount: a person decides.
    const partial = await importFile(c.funder, camt(endToEndId, '1.00'));
    expect(partial.statusCode).toBe(201);
    expect(partial.json().counts).toMatchObject({ matched: 0, partial: 1 });
    expect(partial.json().pending).toBe(1);
    // Nothing is paid until a person accepts the amount: the journal says the line waits.
    const imported = await c.funder.request(
      'GET',
      `/api/v1/funders/${c.funderId}/audit?action=bank_statement.import`,
    );
    const importDetails = imported.json().entries[0].details;
    expect(importDetails).toContain('Lignes au montant différent, en attente de décision : 1');
    expect(importDetails.join(' ; ')).not.toMatch(/payées/);
    const line = partial.json().lines[0];
    const decide = (body: Record<string, unknown>) =>
      c.funder.request(
        'POST',
        `/api/v1/funders/${c.funderId}/bank-imports/${partial.json().id}/lines/${line.id}/decision`,
        body,
      );
    // Set aside without a word: refused, the line still waits (an auditor found 5 000 € gone so).
    const silent = await decide({ decision: 'reject' });
    expect(silent.statusCode).toBe(422);
    expect(silent.json().errors).toEqual([
      {
        field: 'reason',
        message: 'Dites pourquoi cette ligne est écartée (motif obligatoire) : le journal le garde.',
      },
    ]);
    expect(
      (
        await c.funder.request('GET', `/api/v1/funders/${c.funderId}/bank-imports/${partial.json().id}`)
      ).json().pending,
    ).toBe(1);
    const decided = await decide({
      decision: 'reject',
      reason: 'Montant erroné : la banque recrédite et repasse le virement',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().pending).toBe(0);
    expect(await claim()).toEqual(before);
    const journal = await c.funder.request(
      'GET',
      `/api/v1/funders/${c.funderId}/audit?action=bank_statement.line_decision`,
    );
    expect(journal.json().entries[0].summary).toMatchObject({
      decision: 'reject',
      reason: 'Montant erroné : la banque recrédite et repasse le virement',
    });
    // The decision is its own entry in the journal, with its own words.
    expect(journal.json().entries[0].details).toContain('Décision : refusé');

    const unknown = `<Ntry><Amt Ccy="EUR">9.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><NtryDtls><TxDtls><Refs><EndToEndId>INCONNU</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>`;
    const res = await importFile(c.funder, camt(endToEndId, (amount / 100).toFixed(2), unknown));
    expect(res.statusCode).toBe(201);
    expect(res.json().counts).toMatchObject({ matched: 1, partial: 0, unmatched: 1 });
    expect(await claim()).toEqual({ owed: before.owed - amount, paid: before.paid + amount });
    expect((await statementStatus())[0].status).toBe('paid');
    expect(await staged()).toEqual({ approved: staging.approved - amount, sent: staging.sent });
    const run = (await c.funder.request('GET', payments())).json().runs[0];
    expect(run.transfers.find((x: { placeId: string }) => x.placeId === placeId)).toMatchObject({
      status: 'paid',
      paidOn: booked,
    });
    // The same statement imported again pays nothing twice.
    const twice = await importFile(c.funder, camt(endToEndId, (amount / 100).toFixed(2)));
    expect(twice.json().lines[0]).toMatchObject({ outcome: 'unmatched', reason: 'already_settled' });
    expect(await claim()).toEqual({ owed: before.owed - amount, paid: before.paid + amount });
  });

  it('refuses the very same bank file a second time, saying when it was imported', async () => {
    // Imported at the end of the test above: the finance officer sends it again by mistake.
    const file = camt(endToEndId, (amount / 100).toFixed(2));
    const count = async () =>
      (
        await t.database.pool.query('SELECT count(*)::int AS n FROM bank_imports WHERE funder_id = $1', [
          c.funderId,
        ])
      ).rows[0].n;
    const before = await count();
    const again = await importFile(c.funder, file);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'bank_file_already_imported',
      detail: expect.stringMatching(
        /déjà été importé le \d{1,2}(er)? \p{L}+ \d{4} à \d{1,2}\u00a0h\u00a0\d\d \(releve\.xml\)/u,
      ),
    });
    expect(await count()).toBe(before);
  });

  it('shows the place its statement « payé le » the bank’s booking day', async () => {
    const list = (await placeAdmin.request('GET', `/api/v1/places/${placeId}/statements`)).json();
    const number = (await statementStatus())[0].number;
    const mine = list.statements.find((s: { number: string }) => s.number === number);
    expect(mine).toMatchObject({ status: 'paid', paidOn: booked });
  });

  it('tells the place its statement was paid, by e-mail', async () => {
    const number = (await statementStatus())[0].number;
    const { rows } = await t.database.pool.query(
      `SELECT template, recipient FROM notification_outbox
        WHERE template IN ('statement_approved', 'statement_paid') AND params::text LIKE $1 ORDER BY 1`,
      [`%${number}%`],
    );
    expect(rows.map((r) => r.template)).toEqual(['statement_approved', 'statement_paid']);
    expect(rows[0].recipient).toBe('lieu@hautsdefrance.test');
    // It says what the bank's label carries: the text the SEPA file gave the transfer.
    const { rows: paid } = await t.database.pool.query(
      `SELECT params FROM notification_outbox WHERE template = 'statement_paid' AND params::text LIKE $1`,
      [`%${number}%`],
    );
    const { rows: transfer } = await t.database.pool.query(
      `SELECT t.remittance FROM payment_transfers t JOIN payment_transfer_statements l ON l.transfer_id = t.id
         JOIN statements s ON s.id = l.statement_id WHERE s.number = $1 AND t.status = 'paid'`,
      [number],
    );
    expect(paid[0].params.remittance).toBe(transfer[0].remittance);
  });

  it('refuses an unreadable bank file naming the file, and hides another funder’s runs', async () => {
    const bad = await importFile(c.funder, 'pas du xml');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('file');
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await other.request('POST', `${runs()}/${runId}/approve`)).statusCode).toBe(404);
  });
});

describe('four-eyes setting', () => {
  it('is on by default and may be turned off by an admin, audited', async () => {
    const url = `/api/v1/funders/${c.funderId}/settings`;
    expect((await c.funder.request('GET', url)).json().fourEyes).toBe(true);
    const res = await c.funder.request('PATCH', url, { fourEyes: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().fourEyes).toBe(false);
    const audit = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/audit`)).json();
    expect(audit.entries.some((e: { action: string }) => e.action === 'funder.four_eyes_change')).toBe(true);
  });

  it('still binds a run prepared under it once turned off: its preparer cannot switch it off to approve alone', async () => {
    const url = `/api/v1/funders/${c.funderId}/settings`;
    expect((await c.funder.request('PATCH', url, { fourEyes: true })).statusCode).toBe(200);
    const { codes } = await handedOutBooklets(t, c, 1);
    await redeem(codes[0]!);
    const later = nextMonth(month);
    await statements.run(t.database.db, { month: later, funderId: c.funderId }, dayAfterMonth(later));
    const prepared = await c.funder.request('POST', runs(), {});
    expect(prepared.statusCode, prepared.body).toBe(201);
    const runId = prepared.json().id;
    expect((await c.funder.request('PATCH', url, { fourEyes: false })).statusCode).toBe(200);
    const alone = await c.funder.request('POST', `${runs()}/${runId}/approve`);
    expect(alone.statusCode).toBe(409);
    expect(alone.json()).toMatchObject({ code: 'four_eyes', detail: expect.stringContaining('quatre yeux') });
    // Nor in SQL: the database keeps the rule the run was prepared under.
    await expect(
      t.database.pool.query(
        `UPDATE payment_runs SET status = 'approved', approved_by = prepared_by, approved_at = now() WHERE id = $1`,
        [runId],
      ),
    ).rejects.toThrow(/four eyes/);
    const other = await second.request('POST', `${runs()}/${runId}/approve`);
    expect(other.statusCode, other.body).toBe(200);
    // A run prepared with the rule off is approved by its preparer, as the setting says.
    const { codes: more } = await handedOutBooklets(t, c, 1);
    await redeem(more[0]!);
    const latest = nextMonth(later);
    await statements.run(t.database.db, { month: latest, funderId: c.funderId }, dayAfterMonth(latest));
    const off = await c.funder.request('POST', runs(), {});
    expect(off.statusCode, off.body).toBe(201);
    const self = await c.funder.request('POST', `${runs()}/${off.json().id}/approve`);
    expect(self.statusCode, self.body).toBe(200);
  });

  it('says on a run not yet sent when the funder or a place recorded another account since it was prepared', async () => {
    const approved = (await c.funder.request('GET', payments()))
      .json()
      .runs.find((r: { status: string }) => r.status === 'approved');
    const shown = async () =>
      (await c.funder.request('GET', payments()))
        .json()
        .runs.find((r: { id: string }) => r.id === approved.id);
    expect(await shown()).toMatchObject({ debtorAccountChangedSince: false });
    const ours = async () =>
      (await shown()).transfers.find((x: { placeId: string }) => x.placeId === placeId);
    const before = await ours();
    expect(before).toMatchObject({ accountChangedSince: false });
    // The place's treasurer gives the account of its new bank; the funder changes its own.
    const place = await placeAdmin.request('POST', `/api/v1/places/${placeId}/applications/bank-accounts`, {
      iban: 'FR14 2004 1010 0505 0001 3M02 606',
      bic: 'PSSTFRPP',
      holder: 'Médiathèque Louis Aragon',
      currentPassword: DEMO_PASSWORD,
    });
    expect(place.statusCode, place.body).toBeLessThan(300);
    const funder = await c.funder.request('PATCH', `/api/v1/funders/${c.funderId}/settings`, {
      bankAccount: {
        iban: 'FR76 3000 4000 0312 3456 7890 143',
        bic: 'BNPAFRPP',
        holder: 'Région Hauts-de-France',
      },
    });
    expect(funder.statusCode, funder.body).toBe(200);
    // The run keeps the accounts approved with it (what was checked is what is paid), and says so.
    expect(await shown()).toMatchObject({ debtorAccountChangedSince: true });
    const after = await ours();
    expect(after).toMatchObject({ accountChangedSince: true, iban: before.iban });
  });
});

describe('four eyes, once the other admin’s account is disabled', () => {
  // The platform's operator disabled the second admin (she left, or her account was taken):
  // she can no longer sign in, so she is not the other admin the rule waits for.
  it('lets the one admin left cancel a run prepared under the rule and approve the one she prepares anew', async () => {
    const url = `/api/v1/funders/${c.funderId}/settings`;
    expect((await c.funder.request('PATCH', url, { fourEyes: true })).statusCode).toBe(200);
    const { codes } = await handedOutBooklets(t, c, 1);
    await redeem(codes[0]!);
    const later = nextMonth(nextMonth(nextMonth(month)));
    await statements.run(t.database.db, { month: later, funderId: c.funderId }, dayAfterMonth(later));
    const before = await c.funder.request('POST', runs(), {});
    expect(before.statusCode, before.body).toBe(201);

    const operator = await signIn(t.app, 'admin@pass-numerique.test');
    const disabled = await operator.request('POST', '/api/v1/admin/accounts/disable', {
      email: 'tresorerie@hautsdefrance.test',
      reason: 'Départ de la personne',
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const page = (await c.funder.request('GET', payments())).json();
    expect(page).toMatchObject({ fourEyes: true, adminCount: 1 });

    // Prepared while she could still approve it: the rule it was prepared under still binds it,
    // and the refusal says how to go on, since no other admin is left to approve it.
    const shown = page.runs.find((r: { id: string }) => r.id === before.json().id);
    expect(shown.approveBlockedReason).toContain('annulez-le');
    const alone = await c.funder.request('POST', `${runs()}/${before.json().id}/approve`);
    expect(alone.statusCode).toBe(409);
    expect(alone.json()).toMatchObject({ code: 'four_eyes', detail: expect.stringContaining('annulez-le') });
    expect((await c.funder.request('POST', `${runs()}/${before.json().id}/cancel`)).statusCode).toBe(200);

    const anew = await c.funder.request('POST', runs(), {});
    expect(anew.statusCode, anew.body).toBe(201);
    // The place's new account, recorded in the test above, is to be checked first.
    const self = await c.funder.request('POST', `${runs()}/${anew.json().id}/approve`, {
      confirmAccountsChecked: true,
    });
    expect(self.statusCode, self.body).toBe(200);
  });
});
