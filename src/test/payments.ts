import { randomUUID } from 'node:crypto';
import { businessDate } from '../core/dates.js';
import { STANDARD_SERVICES } from '../core/session.js';
import { dayAfterMonth } from '../core/statement.js';
import { DEMO_PASSWORD } from '../demo/seed.js';
import * as redemptions from '../modules/redemptions/service.js';
import * as statements from '../modules/statements/service.js';
import { newAccount } from './accounts.js';
import type { Client, TestApp } from './app.js';
import { signIn } from './app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from './circulation.js';

/** The place redeems a pass for a one-hour individual session, as its desk would; its redemption. */
export async function redeemAt(t: TestApp, placeId: string, code: string) {
  const done = await redemptions.redeem(
    t.database.db,
    { placeId, userId: null, keyId: null, label: 'test' },
    { code, nonce: randomUUID(), theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' },
    24,
  );
  return done.redemption;
}

/**
 * The place redeems `count` passes of a booklet handed out today, both bank accounts are given
 * and this month's statements are issued: a statement ready to be paid. Returns the codes.
 */
export async function statedRedemptions(
  t: TestApp,
  c: Circulation,
  placeAdmin: Client,
  placeId: string,
  count: number,
) {
  const { codes } = await handedOutBooklets(t, c, 1);
  for (const code of codes.slice(0, count)) await redeemAt(t, placeId, code);
  await giveBankAccounts(c, placeAdmin, placeId);
  const month = businessDate().slice(0, 7);
  await statements.run(t.database.db, { month, funderId: c.funderId }, dayAfterMonth(month));
  return codes;
}

/**
 * A run prepared by the funder's admin, approved by `approver` (four eyes), sent: its file
 * downloaded. `accountsChecked`: the approver confirms the accounts the run names to check (a
 * place's account replaced, or shared with another place), as after a transfer sent back.
 */
export async function sentRun(c: Circulation, approver: Client, { accountsChecked = false } = {}) {
  const runs = `/api/v1/funders/${c.funderId}/payment-runs`;
  const prepared = await c.funder.request('POST', runs, {});
  if (prepared.statusCode !== 201) throw new Error(`run: ${prepared.body}`);
  const run = prepared.json();
  const approved = await approver.request(
    'POST',
    `${runs}/${run.id}/approve`,
    accountsChecked ? { confirmAccountsChecked: true } : undefined,
  );
  if (approved.statusCode !== 200) throw new Error(`approval: ${approved.body}`);
  const file = await c.funder.request('POST', `${runs}/${run.id}/sepa`);
  if (file.statusCode !== 200) throw new Error(`SEPA file: ${file.body}`);
  return { run, xml: file.body };
}

/** The demo funder's account (debited by its runs), and a place's, given by its admin. */
export async function giveBankAccounts(c: Circulation, placeAdmin: Client, placeId: string) {
  const funder = await c.funder.request('PATCH', `/api/v1/funders/${c.funderId}/settings`, {
    bankAccount: {
      iban: 'FR76 1007 1590 0000 0010 0123 486',
      bic: 'TRPUFRP1',
      holder: 'Région Hauts-de-France',
    },
  });
  if (funder.statusCode >= 300) throw new Error(`funder account: ${funder.body}`);
  const place = await placeAdmin.request('POST', `/api/v1/places/${placeId}/applications/bank-accounts`, {
    iban: 'FR76 1010 7001 0112 3456 7890 129',
    bic: 'BREDFRPP',
    holder: 'Médiathèque Louis Aragon',
    currentPassword: DEMO_PASSWORD,
  });
  if (place.statusCode >= 300) throw new Error(`place account: ${place.body}`);
}

/**
 * The bank's camt.053 of `day`, booking each transfer (end-to-end id, cents) on that day; an
 * entry with a return reason (ISO code, e.g. AC04) is the transfer coming back: a credit.
 */
export function camt053(day: string, entries: [endToEndId: string, cents: number, returnReason?: string][]) {
  const ntry = entries
    .map(
      ([e2e, cents, reason]) =>
        `<Ntry><Amt Ccy="EUR">${(cents / 100).toFixed(2)}</Amt><CdtDbtInd>${reason ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${day}</Dt></BookgDt><NtryDtls><TxDtls><Refs><EndToEndId>${e2e}</EndToEndId></Refs>${reason ? `<RtrInf><Rsn><Cd>${reason}</Cd></Rsn></RtrInf>` : ''}</TxDtls></NtryDtls></Ntry>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>R-${randomUUID().slice(0, 8)}</MsgId><CreDtTm>${day}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S-${day}</Id><CreDtTm>${day}T18:00:00</CreDtTm><Acct><Id><IBAN>FR7610071590000000100123486</IBAN></Id></Acct>${ntry}
</Stmt></BkToCstmrStmt></Document>`;
}

/** Uploads a bank file as the web app does (raw bytes), as `client`, a funder admin. */
export const importBankFile = (
  t: TestApp,
  c: Circulation,
  client: Client,
  body: string | Buffer,
  format = 'camt053',
  fileName = 'releve.xml',
) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/funders/${c.funderId}/bank-imports?format=${format}&fileName=${encodeURIComponent(fileName)}`,
    payload: body,
    headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': client.csrfToken },
    cookies: { pn_session: client.cookie },
  });

/** What the ledger says the funder owes a place in a programme, and has paid it. */
export async function placeClaim(t: TestApp, programId: string, placeId: string) {
  const { rows } = await t.database.pool.query(
    `SELECT coalesce(sum(amount_cents) FILTER (WHERE account = 'redeemed'), 0)::int AS owed,
            coalesce(sum(amount_cents) FILTER (WHERE account = 'paid'), 0)::int AS paid
       FROM ledger_postings WHERE program_id = $1 AND place_id = $2`,
    [programId, placeId],
  );
  return rows[0] as { owed: number; paid: number };
}

/** The place's statement of a month (YYYY-MM) in a programme, as stored. */
export async function monthStatement(t: TestApp, programId: string, placeId: string, month: string) {
  const { rows } = await t.database.pool.query(
    `SELECT id, number, status, paid_on::text AS "paidOn", total_cents::int AS total FROM statements
      WHERE program_id = $1 AND place_id = $2 AND month = $3::date`,
    [programId, placeId, `${month}-01`],
  );
  return rows[0] as { id: string; number: string; status: string; paidOn: string | null; total: number };
}

/** A bank file imported by the funder's admin: its report (the import must be accepted). */
export async function importedBankFile(t: TestApp, c: Circulation, body: string) {
  const res = await importBankFile(t, c, c.funder, body);
  if (res.statusCode !== 201) throw new Error(`bank import: ${res.statusCode} ${res.body}`);
  return res.json();
}

export type BankReport = { id: string; lines: { id: number; outcome: string }[] };

/** Accepts every partial line of an import, as the finance officer does. */
export async function acceptPartialLines(c: Circulation, report: BankReport) {
  for (const line of report.lines.filter((l) => l.outcome === 'partial')) {
    const res = await c.funder.request(
      'POST',
      `/api/v1/funders/${c.funderId}/bank-imports/${report.id}/lines/${line.id}/decision`,
      { decision: 'accept' },
    );
    if (res.statusCode !== 200) throw new Error(`decision: ${res.statusCode} ${res.body}`);
  }
}

/**
 * What the payments tests start from: the demo campaign, its médiathèque, a second funder admin
 * (`secondEmail`, for the four eyes) and the médiathèque's admin, signed in.
 */
export async function paymentsScene(t: TestApp, secondEmail: string) {
  const c = await demoCampaign(t);
  const second = await newAccount(t, { funderId: c.funderId, email: secondEmail, role: 'funder_admin' });
  return {
    c,
    mediatheque: c.organisations['Médiathèque Louis Aragon']!,
    second,
    placeAdmin: await signIn(t.app, 'lieu@hautsdefrance.test'),
  };
}
