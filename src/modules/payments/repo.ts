import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  bankImportLines,
  bankImports,
  paymentRuns,
  paymentTransferStatements,
  paymentTransfers,
  paymentWriteOffs,
} from '../../db/schema/index.js';

/**
 * SQL of the payments module. It reads the statements, places, programmes and accounts it pays
 * (names, totals, bank details) with joins; every change to them goes through their services.
 */

export type RunRow = typeof paymentRuns.$inferSelect;
export type TransferRow = typeof paymentTransfers.$inferSelect;
export type NewTransfer = typeof paymentTransfers.$inferInsert;

export type PayableRow = {
  id: string;
  number: string;
  programId: string;
  placeId: string;
  totalCents: number;
  placeName: string;
  accountId: number | null;
  /** the bank sent a transfer back from that account: nothing more is sent there */
  accountReturned: boolean;
};

/**
 * The place's current bank account (its latest, `acct.id`): the creditor of the next transfers;
 * and whether the bank sent a transfer back from it (`acct.returned`): then nothing is sent to
 * the place until it records one anew (the same IBAN if the bank erred), since sent there again
 * it would only come back, with the bank's fees. One lateral read per row, null without account.
 */
const currentAccount = (placeId: SQL) => sql`LEFT JOIN LATERAL (
    SELECT a.id, EXISTS (SELECT 1 FROM payment_transfers x
                          WHERE x.place_id = ${placeId} AND x.place_account_id = a.id
                            AND x.status = 'returned') AS returned
      FROM place_bank_accounts a WHERE a.place_id = ${placeId}
     ORDER BY a.created_at DESC, a.id DESC LIMIT 1) acct ON true`;

/** The places, by name, whose account among these has this IBAN (a run's debtor's own). */
export async function placesOfIban(tx: Queryable, accountIds: number[], iban: string): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const { rows } = await tx.execute<{ name: string }>(sql`
    SELECT DISTINCT o.name FROM place_bank_accounts a JOIN organisations o ON o.id = a.place_id
     WHERE a.id = ANY(${`{${accountIds.join(',')}}`}::bigint[]) AND a.iban = ${iban}
     ORDER BY o.name`);
  return rows.map((r) => r.name);
}

/** Whether the bank sent a transfer back from this account of the place. */
export async function accountReturned(tx: Queryable, placeId: string, accountId: number): Promise<boolean> {
  const { rows } = await tx.execute<{ returned: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM payment_transfers
                    WHERE place_id = ${placeId} AND place_account_id = ${accountId}
                      AND status = 'returned') AS returned`);
  return rows[0]!.returned;
}

/**
 * Statements issued (so not contested), in no live transfer, with their place's current account;
 * and those a run the bank refused freed (rejectRun): approved and sent once, so in payment
 * still, they are in no live transfer and go into the next run as well.
 */
export async function payableStatements(tx: Queryable, funderId: string): Promise<PayableRow[]> {
  const { rows } = await tx.execute<PayableRow>(sql`
    SELECT s.id, s.number, s.program_id AS "programId", s.place_id AS "placeId",
           s.total_cents::bigint AS "totalCents", o.name AS "placeName",
           acct.id AS "accountId", coalesce(acct.returned, false) AS "accountReturned"
      FROM statements s
      JOIN organisations o ON o.id = s.place_id
      ${currentAccount(sql`s.place_id`)}
     WHERE s.funder_id = ${funderId}
       AND (s.status = 'issued'
            OR (s.status = 'in_payment' AND EXISTS (
                  SELECT 1 FROM payment_transfer_statements r JOIN payment_transfers rt ON rt.id = r.transfer_id
                   WHERE r.statement_id = s.id AND rt.status = 'rejected')))
       AND NOT EXISTS (SELECT 1 FROM payment_transfer_statements l WHERE l.statement_id = s.id AND l.live)
     ORDER BY s.number`);
  return rows.map((r) => ({
    ...r,
    totalCents: Number(r.totalCents),
    accountId: r.accountId === null ? null : Number(r.accountId),
  }));
}

export async function insertRun(tx: Queryable, values: typeof paymentRuns.$inferInsert): Promise<RunRow> {
  const [row] = await tx.insert(paymentRuns).values(values).returning();
  return row!;
}

/** A run's transfers (and the statements each pays), written in a few statements however many places. */
export async function insertTransfers(
  tx: Queryable,
  transfers: { values: NewTransfer; statementIds: string[] }[],
): Promise<void> {
  // Rows per INSERT: well under PostgreSQL's 65,535 parameters at a dozen columns a row.
  const CHUNK = 1000;
  for (let i = 0; i < transfers.length; i += CHUNK)
    await tx.insert(paymentTransfers).values(transfers.slice(i, i + CHUNK).map((t) => t.values));
  // A complement's links are the statements it carries beside its root's (often none).
  const links = transfers.flatMap((t) =>
    t.statementIds.map((statementId) => ({ transferId: t.values.id!, statementId })),
  );
  for (let i = 0; i < links.length; i += CHUNK * 10)
    await tx.insert(paymentTransferStatements).values(links.slice(i, i + CHUNK * 10));
}

export async function runs(tx: Queryable, funderId: string, limit = 20): Promise<RunRow[]> {
  return tx
    .select()
    .from(paymentRuns)
    .where(eq(paymentRuns.funderId, funderId))
    .orderBy(desc(paymentRuns.preparedAt), desc(paymentRuns.id))
    .limit(limit);
}

export async function findRun(tx: Queryable, funderId: string, runId: string, lock = false) {
  const q = tx
    .select()
    .from(paymentRuns)
    .where(and(eq(paymentRuns.funderId, funderId), eq(paymentRuns.id, runId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function setRun(tx: Queryable, runId: string, values: Partial<typeof paymentRuns.$inferInsert>) {
  await tx.update(paymentRuns).set(values).where(eq(paymentRuns.id, runId));
}

export type TransferView = {
  id: string;
  runId: string;
  funderId: string;
  /** when its run's file was first downloaded, so sent to the bank (null before) */
  sentAt: Date | null;
  /** the day that file asked the bank to execute it */
  sentExecutionDate: string | null;
  /** the funder's account holder that pays it, as recorded (the file's debtor) */
  debtorHolder: string;
  placeId: string;
  placeName: string;
  programId: string;
  amountCents: number;
  endToEndId: string;
  remittance: string;
  status: TransferRow['status'];
  paidCents: number | null;
  paidOn: string | null;
  returnedOn: string | null;
  returnReason: string | null;
  iban: string;
  bic: string;
  holder: string;
  /** the place recorded another account since (the transfer keeps the one it was prepared with) */
  accountChangedSince: boolean;
  /** when the account paid was recorded, and whether it replaced an earlier one of the place (another IBAN) */
  accountRecordedAt: Date;
  accountReplacedAnother: boolean;
  /** the other places whose current account has the same IBAN, by name (not those of the same SIREN) */
  accountSharedWith: string[];
  /** the statements it pays: a complement's are its root's and those it carries */
  statementIds: string[];
  statementNumbers: string[];
  /** the statements linked to this transfer itself, which its run takes through their steps */
  ownStatementIds: string[];
  /** a complement: the end-to-end id of the partial transfer whose remainder it pays */
  complementOf: string | null;
  /** a partial or returned transfer (root): what is left to pay, and what was written off */
  remainderCents: number;
  writtenOffCents: number;
};

/**
 * What each partial or returned transfer (a root) still awaits: the total of its chain's
 * statements (its own, those its complements carry, netted with it: see prepareRun, and those
 * below zero a write-off netted: see writeOffRemainder), less what it and its complements were
 * paid and kept (a transfer the bank sent back counts for nothing) and what was written off;
 * when its last payment was booked; whether a complement is in progress (prepared or sent).
 */
const CHAINS = sql`
  chains AS (
    SELECT r.id AS root_id,
           (SELECT coalesce(sum(s.total_cents), 0) FROM payment_transfers x
              JOIN payment_transfer_statements l ON l.transfer_id = x.id AND l.live
              JOIN statements s ON s.id = l.statement_id
             WHERE x.id = r.id OR x.complement_of = r.id) AS amount_cents,
           (SELECT coalesce(sum(x.paid_cents), 0) FROM payment_transfers x
             WHERE (x.id = r.id OR x.complement_of = r.id) AND x.status IN ('paid', 'partial')) AS paid,
           (SELECT max(x.paid_on) FROM payment_transfers x
             WHERE (x.id = r.id OR x.complement_of = r.id) AND x.status IN ('paid', 'partial')) AS last_paid_on,
           coalesce((SELECT w.amount_cents FROM payment_write_offs w WHERE w.transfer_id = r.id), 0) AS written_off,
           EXISTS (SELECT 1 FROM payment_transfers x
                    WHERE x.complement_of = r.id AND x.status IN ('prepared', 'sent')) AS in_progress
      FROM payment_transfers r WHERE r.complement_of IS NULL AND r.status IN ('partial', 'returned')
  )`;

/** The transfers of the runs, with their creditor's account and the statements each pays. */
export async function transfersOf(tx: Queryable, runIds: string[]): Promise<TransferView[]> {
  if (runIds.length === 0) return [];
  return transfersWhere(
    tx,
    sql`run_id IN (${sql.join(
      runIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
}

/**
 * The place's transfers sent to the bank (by all its funders) on a day of the period (Paris),
 * as transfersOf reads them: those of a run the bank refused whole never reached it, nor those
 * of a run not sent yet.
 */
export async function transfersToPlace(
  tx: Queryable,
  placeId: string,
  from: string,
  to: string,
): Promise<TransferView[]> {
  return transfersWhere(
    tx,
    sql`place_id = ${placeId} AND status IN ('sent', 'paid', 'partial', 'returned')
        AND run_id IN (SELECT id FROM payment_runs
                        WHERE (sent_at AT TIME ZONE 'Europe/Paris')::date BETWEEN ${from}::date AND ${to}::date)`,
  );
}

async function transfersWhere(tx: Queryable, which: SQL): Promise<TransferView[]> {
  const { rows } = await tx.execute<TransferView>(sql`
    WITH ${CHAINS},
    run_transfers AS (
      SELECT * FROM payment_transfers WHERE ${which}
    ),
    -- Each transfer's own statements; a complement pays besides its root's and those carried by
    -- the complements before it (not what later ones carry). Complements are few: the second
    -- part reads only theirs.
    links AS (
      SELECT t.id AS transfer_id, l.statement_id, true AS own
        FROM run_transfers t JOIN payment_transfer_statements l ON l.transfer_id = t.id
      UNION ALL
      SELECT t.id, l.statement_id, false
        FROM run_transfers t
        JOIN payment_runs tr ON tr.id = t.run_id
        JOIN payment_transfers x ON x.id = t.complement_of OR x.complement_of = t.complement_of
        JOIN payment_runs xr ON xr.id = x.run_id
        JOIN payment_transfer_statements l ON l.transfer_id = x.id AND l.live
       WHERE t.complement_of IS NOT NULL AND x.id <> t.id
         AND (x.id = t.complement_of OR xr.prepared_at <= tr.prepared_at)
    )
    SELECT t.id, t.run_id AS "runId", t.funder_id AS "funderId", tr.sent_at AS "sentAt",
           tr.sent_execution_date::text AS "sentExecutionDate", d.holder AS "debtorHolder",
           t.place_id AS "placeId", o.name AS "placeName",
           t.program_id AS "programId", t.amount_cents AS "amountCents",
           t.end_to_end_id AS "endToEndId", t.remittance, t.status, t.paid_cents AS "paidCents",
           t.paid_on AS "paidOn", t.returned_on AS "returnedOn", t.return_reason AS "returnReason",
           a.iban, a.bic, a.holder,
           EXISTS (SELECT 1 FROM place_bank_accounts n
                    WHERE n.place_id = t.place_id AND (n.created_at, n.id) > (a.created_at, a.id)) AS "accountChangedSince",
           a.created_at AS "accountRecordedAt",
           EXISTS (SELECT 1 FROM place_bank_accounts e
                    WHERE e.place_id = t.place_id AND (e.created_at, e.id) < (a.created_at, a.id)
                      AND e.iban <> a.iban) AS "accountReplacedAnother",
           -- A diverted payment's usual mark: two places paid into one account. Not between
           -- places of one legal entity (one SIREN, the SIRET's first 9 digits): an association's
           -- sites paid into its one account, the money stays with it.
           (SELECT coalesce(array_agg(DISTINCT so.name ORDER BY so.name), '{}')
              FROM place_bank_accounts sa JOIN organisations so ON so.id = sa.place_id
             WHERE sa.iban = a.iban AND sa.place_id <> t.place_id
               AND NOT coalesce(left(so.siret, 9) = left(o.siret, 9), false)
               AND sa.id = (SELECT max(cur.id) FROM place_bank_accounts cur WHERE cur.place_id = sa.place_id)
           ) AS "accountSharedWith",
           array_agg(s.id ORDER BY s.number) AS "statementIds",
           array_agg(s.number ORDER BY s.number) AS "statementNumbers",
           coalesce(array_agg(s.id ORDER BY s.number) FILTER (WHERE k.own), '{}') AS "ownStatementIds",
           (SELECT r.end_to_end_id FROM payment_transfers r WHERE r.id = t.complement_of) AS "complementOf",
           coalesce(min(c.amount_cents - c.paid - c.written_off), 0) AS "remainderCents",
           coalesce(min(c.written_off), 0) AS "writtenOffCents"
      FROM run_transfers t
      JOIN payment_runs tr ON tr.id = t.run_id
      JOIN funder_bank_accounts d ON d.id = tr.debtor_account_id
      JOIN organisations o ON o.id = t.place_id
      JOIN place_bank_accounts a ON a.id = t.place_account_id
      JOIN links k ON k.transfer_id = t.id
      JOIN statements s ON s.id = k.statement_id
      LEFT JOIN chains c ON c.root_id = t.id
     GROUP BY t.id, t.run_id, t.funder_id, t.place_id, t.program_id, t.amount_cents, t.end_to_end_id, t.remittance,
              t.status, t.paid_cents, t.paid_on, t.returned_on, t.return_reason, t.complement_of,
              o.name, o.siret, a.id, a.created_at, a.iban, a.bic, a.holder, tr.id, d.id
     ORDER BY o.name, t.program_id, t.id`);
  return rows.map((r) => ({
    ...r,
    sentAt: r.sentAt === null ? null : new Date(r.sentAt),
    amountCents: Number(r.amountCents),
    paidCents: r.paidCents === null ? null : Number(r.paidCents),
    accountRecordedAt: new Date(r.accountRecordedAt),
    remainderCents: Math.max(0, Number(r.remainderCents)),
    writtenOffCents: Number(r.writtenOffCents),
  }));
}

export type Remainder = {
  rootId: string;
  endToEndId: string;
  programId: string;
  placeId: string;
  placeName: string;
  amountCents: number;
  paidCents: number;
  writtenOffCents: number;
  remainderCents: number;
  lastPaidOn: string | null;
  inProgress: boolean;
  statementIds: string[];
  statementNumbers: string[];
  accountId: number | null;
  /** sent back from the place's current account: waits for it to record one anew */
  awaitsNewAccount: boolean;
};

/**
 * The partial or returned transfers of the funder (all, or those given), what each still
 * awaits, and the statements of its chain (its own and those its complements carry).
 */
export async function remainders(tx: Queryable, funderId: string, rootIds?: string[]): Promise<Remainder[]> {
  const only = rootIds
    ? sql`AND r.id IN (${sql.join(
        rootIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const { rows } = await tx.execute<Remainder>(sql`
    WITH ${CHAINS}
    SELECT r.id AS "rootId", r.end_to_end_id AS "endToEndId", r.program_id AS "programId",
           r.place_id AS "placeId", o.name AS "placeName", c.amount_cents AS "amountCents",
           c.paid AS "paidCents", c.written_off AS "writtenOffCents",
           c.amount_cents - c.paid - c.written_off AS "remainderCents",
           c.last_paid_on::text AS "lastPaidOn", c.in_progress AS "inProgress",
           array_agg(s.id ORDER BY s.number) AS "statementIds",
           array_agg(s.number ORDER BY s.number) AS "statementNumbers",
           acct.id AS "accountId", coalesce(acct.returned, false) AS "awaitsNewAccount"
      FROM chains c
      JOIN payment_transfers r ON r.id = c.root_id
      JOIN organisations o ON o.id = r.place_id
      ${currentAccount(sql`r.place_id`)}
      JOIN payment_transfer_statements l ON l.live AND l.transfer_id IN (
             SELECT x.id FROM payment_transfers x WHERE x.id = r.id OR x.complement_of = r.id)
      JOIN statements s ON s.id = l.statement_id
     WHERE r.funder_id = ${funderId} ${only}
     GROUP BY r.id, o.name, c.amount_cents, c.paid, c.written_off, c.last_paid_on, c.in_progress, acct.id, acct.returned
     ORDER BY min(s.number)`);
  return rows.map((r) => ({
    ...r,
    amountCents: Number(r.amountCents),
    paidCents: Number(r.paidCents),
    writtenOffCents: Number(r.writtenOffCents),
    remainderCents: Number(r.remainderCents),
    accountId: r.accountId === null ? null : Number(r.accountId),
  }));
}

export type Instalments = {
  statementId: string;
  transferCents: number;
  paidCents: number;
  writtenOffCents: number;
  writeOffReason: string | null;
  lastPaidOn: string | null;
  /** the latest transfer of the chain the bank sent back: when, and its ISO reason */
  returnedOn: string | null;
  returnReason: string | null;
  /** what is left waits for the place to record a bank account anew (currentAccount) */
  awaitingAccount: boolean;
};

/** For the statements given, the transfer paid in part that pays each, and where its chain stands. */
export async function instalments(tx: Queryable, statementIds: string[]): Promise<Instalments[]> {
  if (statementIds.length === 0) return [];
  const { rows } = await tx.execute<Instalments>(sql`
    WITH ${CHAINS}
    SELECT l.statement_id AS "statementId", c.amount_cents AS "transferCents", c.paid AS "paidCents",
           c.written_off AS "writtenOffCents", c.last_paid_on::text AS "lastPaidOn",
           (SELECT w.reason FROM payment_write_offs w WHERE w.transfer_id = c.root_id) AS "writeOffReason",
           back.returned_on::text AS "returnedOn", back.return_reason AS "returnReason",
           (c.amount_cents - c.paid - c.written_off > 0 AND NOT c.in_progress
            AND coalesce(acct.returned, false)) AS "awaitingAccount"
      FROM payment_transfer_statements l
      JOIN payment_transfers lt ON lt.id = l.transfer_id
      JOIN chains c ON c.root_id = coalesce(lt.complement_of, lt.id)
      JOIN payment_transfers r ON r.id = c.root_id
      ${currentAccount(sql`r.place_id`)}
      LEFT JOIN LATERAL (
        SELECT x.returned_on, x.return_reason FROM payment_transfers x
         WHERE (x.id = c.root_id OR x.complement_of = c.root_id) AND x.status = 'returned'
         ORDER BY x.returned_on DESC, x.id DESC LIMIT 1) back ON true
     WHERE l.live AND l.statement_id IN (${sql.join(
       statementIds.map((id) => sql`${id}::uuid`),
       sql`, `,
     )})`);
  return rows.map((r) => ({
    ...r,
    transferCents: Number(r.transferCents),
    paidCents: Number(r.paidCents),
    writtenOffCents: Number(r.writtenOffCents),
  }));
}

/**
 * Of the statements given, those in payment whose file the bank refused (0054) and that no
 * later file at the bank carries yet: the day (Paris) of the latest refusal.
 */
export async function bankRefusals(tx: Queryable, statementIds: string[]) {
  if (statementIds.length === 0) return [];
  const { rows } = await tx.execute<{ statementId: string; refusedOn: string }>(sql`
    SELECT s.id AS "statementId",
           to_char(max(r.rejected_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "refusedOn"
      FROM statements s
      JOIN payment_transfer_statements l ON l.statement_id = s.id
      JOIN payment_transfers t ON t.id = l.transfer_id
      JOIN payment_runs r ON r.id = t.run_id AND r.status = 'rejected'
     WHERE s.id = ANY(${sql.param(statementIds)}::uuid[]) AND s.status = 'in_payment'
       AND NOT EXISTS (
             SELECT 1 FROM payment_transfer_statements xl
               JOIN payment_transfers xt ON xt.id = xl.transfer_id
               JOIN payment_runs xr ON xr.id = xt.run_id AND xr.status = 'sent'
              WHERE xl.statement_id = s.id)
     GROUP BY s.id`);
  return rows;
}

/**
 * The statements in a payment run not sent to the bank yet (prepared, or approved): the run's
 * state and the execution day it asks for.
 */
export async function runsWaiting(tx: Queryable, statementIds: string[]) {
  if (statementIds.length === 0) return [];
  const { rows } = await tx.execute<{
    statementId: string;
    runStatus: 'prepared' | 'approved';
    requestedOn: string;
  }>(sql`
    SELECT l.statement_id AS "statementId", r.status AS "runStatus",
           to_char(r.requested_execution_date, 'YYYY-MM-DD') AS "requestedOn"
      FROM payment_transfer_statements l
      JOIN payment_transfers t ON t.id = l.transfer_id
      JOIN payment_runs r ON r.id = t.run_id AND r.status IN ('prepared', 'approved')
     WHERE l.statement_id = ANY(${sql.param(statementIds)}::uuid[]) AND l.live`);
  return rows;
}

/**
 * For each of the statements below zero linked to a transfer's chain: the numbers of the
 * chain's statements above zero, whose payment (or rest, when written off) it was deducted from.
 */
export async function deductions(tx: Queryable, statementIds: string[]) {
  if (statementIds.length === 0) return [];
  const { rows } = await tx.execute<{ statementId: string; numbers: string[] }>(sql`
    SELECT n.statement_id AS "statementId", array_agg(s.number ORDER BY s.number) AS numbers
      FROM payment_transfer_statements n
      JOIN statements ns ON ns.id = n.statement_id AND ns.total_cents < 0
      JOIN payment_transfers nt ON nt.id = n.transfer_id
      JOIN payment_transfers ot ON coalesce(ot.complement_of, ot.id) = coalesce(nt.complement_of, nt.id)
      JOIN payment_transfer_statements o ON o.transfer_id = ot.id AND o.live
      JOIN statements s ON s.id = o.statement_id AND s.total_cents > 0
     WHERE n.live AND n.statement_id IN (${sql.join(
       statementIds.map((id) => sql`${id}::uuid`),
       sql`, `,
     )})
     GROUP BY n.statement_id`);
  return rows;
}

export async function insertWriteOff(tx: Queryable, values: typeof paymentWriteOffs.$inferInsert) {
  const [row] = await tx.insert(paymentWriteOffs).values(values).returning();
  return row!;
}

export async function setTransfers(tx: Queryable, runId: string, status: TransferRow['status']) {
  await tx.update(paymentTransfers).set({ status }).where(eq(paymentTransfers.runId, runId));
}

/** A cancelled run, or one the bank refused, lets its statements go into a later one. */
export async function releaseStatements(tx: Queryable, runId: string) {
  await tx.execute(sql`
    UPDATE payment_transfer_statements l SET live = false
      FROM payment_transfers t WHERE t.id = l.transfer_id AND t.run_id = ${runId}`);
}

/** A run's transfers, locked: none is reconciled while the run's rejection is recorded. */
export async function lockRunTransfers(tx: Queryable, runId: string) {
  return tx
    .select({ id: paymentTransfers.id, status: paymentTransfers.status })
    .from(paymentTransfers)
    .where(eq(paymentTransfers.runId, runId))
    .for('update');
}

/**
 * Of the statements given, those in payment already: freed by a run the bank refused, they
 * were approved and sent once, and a new run takes them through neither step again.
 */
export async function inPayment(tx: Queryable, statementIds: string[]): Promise<Set<string>> {
  if (statementIds.length === 0) return new Set();
  const { rows } = await tx.execute<{ id: string }>(sql`
    SELECT id FROM statements WHERE id = ANY(${sql.param(statementIds)}::uuid[]) AND status = 'in_payment'`);
  return new Set(rows.map((r) => r.id));
}

export async function debtorAccount(tx: Queryable, accountId: string) {
  const { rows } = await tx.execute<{ iban: string; bic: string; holder: string }>(
    sql`SELECT iban, bic, holder FROM funder_bank_accounts WHERE id = ${accountId}`,
  );
  return rows[0];
}

export async function userNames(tx: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.execute<{ id: string; name: string }>(sql`
    SELECT id, display_name AS name FROM users WHERE id IN (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Transfers of the funder awaiting the bank (sent), and those it already showed (paid, returned). */
export async function transfersForMatching(tx: Queryable, funderId: string) {
  const rows = await tx
    .select({
      id: paymentTransfers.id,
      endToEndId: paymentTransfers.endToEndId,
      amountCents: paymentTransfers.amountCents,
      paidCents: paymentTransfers.paidCents,
      status: paymentTransfers.status,
    })
    .from(paymentTransfers)
    .where(
      and(
        eq(paymentTransfers.funderId, funderId),
        inArray(paymentTransfers.status, ['sent', 'paid', 'partial', 'returned', 'rejected']),
      ),
    );
  return {
    awaited: rows.filter((r) => r.status === 'sent'),
    rejected: rows.filter((r) => r.status === 'rejected').map((r) => r.endToEndId),
    settled: rows
      .filter((r) => r.status === 'paid' || r.status === 'partial' || r.status === 'returned')
      .map((r) => ({
        id: r.id,
        endToEndId: r.endToEndId,
        paidCents: r.paidCents!,
        returned: r.status === 'returned',
      })),
  };
}

export async function lockTransfer(tx: Queryable, funderId: string, transferId: string) {
  const [row] = await tx
    .select()
    .from(paymentTransfers)
    .where(and(eq(paymentTransfers.funderId, funderId), eq(paymentTransfers.id, transferId)))
    .for('update');
  return row;
}

/** Links statements to a transfer already sent: those below zero a write-off nets with its rest. */
export async function linkStatements(tx: Queryable, transferId: string, statementIds: string[]) {
  if (statementIds.length === 0) return;
  await tx
    .insert(paymentTransferStatements)
    .values(statementIds.map((statementId) => ({ transferId, statementId })));
}

/** The statements a transfer and its complements pay (`rootId`: the first of its chain). */
export async function chainStatementIds(tx: Queryable, rootId: string): Promise<string[]> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    SELECT l.statement_id AS id FROM payment_transfer_statements l
      JOIN payment_transfers x ON x.id = l.transfer_id
     WHERE l.live AND (x.id = ${rootId} OR x.complement_of = ${rootId})`);
  return rows.map((r) => r.id);
}

export async function settleTransfer(
  tx: Queryable,
  transferId: string,
  values: { status: 'paid' | 'partial'; paidCents: number; paidOn: string },
) {
  await tx.update(paymentTransfers).set(values).where(eq(paymentTransfers.id, transferId));
}

export async function markReturned(
  tx: Queryable,
  transferId: string,
  values: { returnedOn: string; returnReason: string | null },
) {
  await tx
    .update(paymentTransfers)
    .set({ status: 'returned', ...values })
    .where(eq(paymentTransfers.id, transferId));
}

/** The funder's earlier import of the same file (by its SHA-256), if any. */
export async function importOfFile(tx: Queryable, funderId: string, contentSha256: string) {
  const [row] = await tx
    .select({ fileName: bankImports.fileName, importedAt: bankImports.importedAt })
    .from(bankImports)
    .where(and(eq(bankImports.funderId, funderId), eq(bankImports.contentSha256, contentSha256)));
  return row;
}

export async function insertImport(tx: Queryable, values: typeof bankImports.$inferInsert) {
  const [row] = await tx.insert(bankImports).values(values).returning();
  return row!;
}

export async function insertLines(tx: Queryable, values: (typeof bankImportLines.$inferInsert)[]) {
  if (values.length) await tx.insert(bankImportLines).values(values);
}

export async function findImport(tx: Queryable, funderId: string, importId: string) {
  const [row] = await tx
    .select()
    .from(bankImports)
    .where(and(eq(bankImports.funderId, funderId), eq(bankImports.id, importId)));
  return row;
}

export async function imports(tx: Queryable, funderId: string, limit = 10) {
  return tx
    .select()
    .from(bankImports)
    .where(eq(bankImports.funderId, funderId))
    .orderBy(desc(bankImports.importedAt), desc(bankImports.id))
    .limit(limit);
}

export type LineView = {
  id: number;
  importId: string;
  line: number;
  endToEndId: string | null;
  amountCents: number;
  debit: boolean;
  bookingDate: string | null;
  label: string;
  outcome: 'matched' | 'partial' | 'returned' | 'unmatched' | 'ignored';
  reason: string | null;
  transferId: string | null;
  placeName: string | null;
  expectedCents: number | null;
  decision: 'accept' | 'reject' | 'dismiss' | null;
  decidedAt: Date | string | null;
  transferSettledSince: boolean;
};

export async function linesOf(tx: Queryable, importIds: string[]): Promise<LineView[]> {
  if (importIds.length === 0) return [];
  const { rows } = await tx.execute<LineView>(sql`
    SELECT l.id, l.import_id AS "importId", l.line, l.end_to_end_id AS "endToEndId",
           l.amount_cents AS "amountCents", l.debit, l.booking_date AS "bookingDate", l.label,
           l.outcome, l.reason, l.transfer_id AS "transferId", o.name AS "placeName",
           t.amount_cents AS "expectedCents", l.decision, l.decided_at AS "decidedAt",
           -- A line of another amount (below or above) still waiting, whose transfer a later
           -- line or import reconciled: it can no longer be accepted, only set aside.
           coalesce(l.outcome IN ('partial', 'unmatched') AND l.decision IS NULL AND t.status <> 'sent', false)
             AS "transferSettledSince"
      FROM bank_import_lines l
      LEFT JOIN payment_transfers t ON t.id = l.transfer_id
      LEFT JOIN organisations o ON o.id = t.place_id
     WHERE l.import_id IN (${sql.join(
       importIds.map((id) => sql`${id}::uuid`),
       sql`, `,
     )})
     ORDER BY l.id`);
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    amountCents: Number(r.amountCents),
    expectedCents: r.expectedCents === null ? null : Number(r.expectedCents),
  }));
}

export async function lockLine(tx: Queryable, importId: string, lineId: number) {
  const [row] = await tx
    .select()
    .from(bankImportLines)
    .where(and(eq(bankImportLines.importId, importId), eq(bankImportLines.id, lineId)))
    .for('update');
  return row;
}

export async function decideLine(
  tx: Queryable,
  lineId: number,
  values: { decision: 'accept' | 'reject' | 'dismiss'; decidedBy: string },
) {
  await tx
    .update(bankImportLines)
    .set({ ...values, decidedAt: new Date() })
    .where(eq(bankImportLines.id, lineId));
}

/** Preparations and imports of one funder run one at a time: no statement lands in two runs. */
export async function lockFunderRuns(tx: Queryable, funderId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`payment_runs:${funderId}`}, 0))`);
}

export type FormerAccountTransferRow = {
  funderId: string;
  amountCents: number;
  state: 'prepared' | 'approved' | 'sent';
  /** when the run reached that state */
  since: Date;
  formerIban: string;
};

/**
 * The place's transfers that still go to another account than `accountId` (its new one): in a
 * run prepared or approved with that account, or sent to the bank and not booked yet. A run
 * pays the accounts it was prepared and approved with (runs.ts).
 */
export async function transfersToOtherAccounts(
  tx: Queryable,
  placeId: string,
  accountId: number,
): Promise<FormerAccountTransferRow[]> {
  const { rows } = await tx.execute<FormerAccountTransferRow>(sql`
    SELECT r.funder_id AS "funderId", t.amount_cents AS "amountCents",
           CASE WHEN t.status = 'sent' THEN 'sent' ELSE r.status END AS state,
           CASE WHEN t.status = 'sent' THEN r.sent_at WHEN r.status = 'approved' THEN r.approved_at
                ELSE r.prepared_at END AS since,
           a.iban AS "formerIban"
      FROM payment_transfers t
      JOIN payment_runs r ON r.id = t.run_id
      JOIN place_bank_accounts a ON a.id = t.place_account_id
     WHERE t.place_id = ${placeId} AND t.place_account_id <> ${accountId}
       AND ((t.status = 'prepared' AND r.status IN ('prepared', 'approved')) OR t.status = 'sent')
     ORDER BY r.prepared_at, t.end_to_end_id`);
  return rows.map((r) => ({ ...r, amountCents: Number(r.amountCents), since: new Date(r.since) }));
}
