import { createHash } from 'node:crypto';
import { accountsToCheckMessage } from '../../core/account-checks.js';
import { maskIban } from '../../core/bank-account.js';
import { addDays, businessDate, frenchDate, frenchMoment } from '../../core/dates.js';
import { conflict, DomainError, invalid, notFound } from '../../core/errors.js';
import { isBankBusinessDay, nextBankBusinessDay } from '../../core/french-holidays.js';
import { formatEuros } from '../../core/money.js';
import {
  endToEndId,
  executionDateAtSending,
  fourEyesForbids,
  fourEyesHolds,
  messageId,
  planTransfers,
  type RunStatus,
  runMay,
} from '../../core/payment-run.js';
import { type Actor, can, requireFunder } from '../../core/permissions.js';
import { readBankCsv } from '../../core/sepa/bank-csv.js';
import { BankFileError, type BankLine } from '../../core/sepa/bank-lines.js';
import { readCamt053 } from '../../core/sepa/camt053.js';
import { matchBankLines } from '../../core/sepa/match.js';
import { buildPain001 } from '../../core/sepa/pain001.js';
import { remittanceFor } from '../../core/sepa/remittance.js';
import { fileText } from '../../core/text.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';
import * as ledger from '../ledger/service.js';
import * as programs from '../programs/service.js';
import * as statements from '../statements/service.js';
import { accountsToCheck, accountToCheck } from './account-checks.js';
import * as repo from './repo.js';

/**
 * Paying the places (issue 12, points 3 to 5): payment runs prepared from the statements
 * issued, approved with four eyes, sent as a SEPA pain.001 file, then reconciled with the
 * bank's statement. Each use-case is one transaction with its audit entries.
 */

const WHAT = 'Lot de paiement';

/** Throws unless the actor may prepare, approve, send and reconcile the funder's payments. */
export function mayPay(actor: Actor, funderId: string) {
  requireFunder(actor, 'payments:write', funderId, 'Financeur');
}

/**
 * The day the bank is asked to execute a run's transfers: by default the next day it executes
 * any (core/french-holidays.ts: no weekend, TARGET2 closing day or French public holiday); a
 * day named by the caller is today or later, and one of those days.
 */
function executionDateOf(requested: string | undefined, today: string): string {
  if (requested === undefined) return nextBankBusinessDay(today);
  const refuse = (message: string) => invalid([{ field: 'requestedExecutionDate', message }]);
  if (requested < today) throw refuse('La date d’exécution ne peut pas être passée.');
  // A bank keeps a future-dated order a year at most (a typed 9999 went as far as the file).
  const last = addDays(today, 365);
  if (requested > last)
    throw refuse(
      `Une banque n’accepte pas un ordre de virement à plus d’un an : choisissez une date jusqu’au ${frenchDate(last)}.`,
    );
  if (!isBankBusinessDay(requested))
    throw refuse(
      `Les banques n’exécutent pas de virement le ${frenchDate(requested)} (week-end, jour férié ou fermeture du système européen TARGET2) : choisissez un jour ouvré bancaire, par exemple le ${frenchDate(nextBankBusinessDay(requested))}.`,
    );
  return requested;
}

function approveBlock(
  actor: Actor,
  run: repo.RunRow,
  profile: { fourEyes: boolean; adminCount: number },
): string | null {
  if (run.status !== 'prepared') return 'Ce lot n’est plus à approuver.';
  if (!can(actor, 'payments:write', run.funderId))
    return 'Seul un administrateur du financeur approuve un lot.';
  if (
    fourEyesForbids({
      ...profile,
      preparedUnderRule: run.fourEyes,
      preparedBy: run.preparedBy,
      approver: actor.userId,
    })
  )
    return 'Vous avez préparé ce lot : un autre administrateur du financeur doit l’approuver (règle des quatre yeux).';
  return null;
}

async function presentRuns(
  tx: Queryable,
  actor: Actor,
  runs: repo.RunRow[],
  profile: { fourEyes: boolean; adminCount: number; account: { id: string } | null },
  known?: repo.PayableRow[],
) {
  const transfers = await repo.transfersOf(
    tx,
    runs.map((r) => r.id),
  );
  const programNames = await programs.namesOf(tx, [...new Set(transfers.map((t) => t.programId))]);
  const names = await repo.userNames(tx, [
    ...new Set(
      runs.flatMap((r) => [r.preparedBy, r.approvedBy, r.rejectedBy].filter((x): x is string => !!x)),
    ),
  ]);
  // What a write-off of each rest would take now (see nettedRemainder).
  const payable =
    known ??
    (runs[0] && transfers.some((t) => t.remainderCents > 0)
      ? await repo.payableStatements(tx, runs[0].funderId)
      : []);
  const writeOffOf = (t: repo.TransferView) =>
    t.remainderCents > 0 ? nettedRemainder(payable, t).amountCents : 0;
  return runs.map((run) => {
    const blocked = approveBlock(actor, run, profile);
    return {
      id: run.id,
      status: run.status,
      messageId: run.messageId,
      requestedExecutionDate: run.requestedExecutionDate,
      totalCents: run.totalCents,
      transferCount: run.transferCount,
      preparedBy: names.get(run.preparedBy) ?? null,
      preparedAt: run.preparedAt.toISOString(),
      approvedBy: run.approvedBy ? (names.get(run.approvedBy) ?? null) : null,
      approvedAt: run.approvedAt?.toISOString() ?? null,
      sentAt: run.sentAt?.toISOString() ?? null,
      sentExecutionDate: run.sentExecutionDate,
      cancelledAt: run.cancelledAt?.toISOString() ?? null,
      rejectedAt: run.rejectedAt?.toISOString() ?? null,
      rejectedBy: run.rejectedBy ? (names.get(run.rejectedBy) ?? null) : null,
      rejectionReason: run.rejectionReason,
      // The funder recorded another account since: the run keeps the one approved with it.
      debtorAccountChangedSince: !!profile.account && profile.account.id !== run.debtorAccountId,
      mayApprove: blocked === null,
      approveBlockedReason: run.status === 'prepared' ? blocked : null,
      transfers: transfers
        .filter((t) => t.runId === run.id)
        .map((t) => ({
          id: t.id,
          placeId: t.placeId,
          programId: t.programId,
          programName: programNames.get(t.programId) ?? '',
          amountCents: t.amountCents,
          endToEndId: t.endToEndId,
          iban: maskIban(t.iban),
          accountChangedSince: t.accountChangedSince,
          // The place's name, and what its account says to check (core/account-checks.ts).
          ...accountToCheck(t, run.preparedAt),
          statementNumbers: t.statementNumbers,
          status: t.status,
          paidCents: t.paidCents,
          paidOn: t.paidOn,
          returnedOn: t.returnedOn,
          returnReason: t.returnReason,
          complementOf: t.complementOf,
          remainderCents: t.remainderCents,
          writeOffCents: writeOffOf(t),
          writtenOffCents: t.writtenOffCents,
        })),
    };
  });
}

export async function overview(db: Db, actor: Actor, funderId: string) {
  requireFunder(actor, 'finance:read', funderId, 'Financeur');
  const profile = await funders.paymentProfile(db, funderId);
  const payable = await repo.payableStatements(db, funderId);
  const remainders = await repo.remainders(db, funderId);
  const runs = await repo.runs(db, funderId);
  const imports = await repo.imports(db, funderId);
  const lines = await repo.linesOf(
    db,
    imports.map((i) => i.id),
  );
  const names = await repo.userNames(db, [...new Set(imports.map((i) => i.importedBy))]);
  // What the next run would send, planned as prepareRun plans it.
  const next = planRun(payable.filter(sendable), dueComplements(remainders));
  return {
    fourEyes: profile.fourEyes,
    adminCount: profile.adminCount,
    debtorAccount: profile.account
      ? { iban: maskIban(profile.account.iban), holder: profile.account.holder }
      : null,
    payable: {
      statements: next.transfers.reduce((n, t) => n + t.statements.length, 0),
      totalCents: next.transfers.reduce((sum, t) => sum + t.amountCents, 0),
      placesWithoutAccount: [...new Set(payable.filter((s) => s.accountId === null).map((s) => s.placeName))],
      complements: next.complements.map(announced),
      heldByNetting: next.held.map(announced),
      awaitingAccount: awaitingAccount(remainders).map(listed),
      placesAwaitingAccount: placesAwaitingAccount(payable, remainders),
    },
    runs: await presentRuns(db, actor, runs, profile, payable),
    imports: imports.map((i) => {
      const { lines: _lines, ...rest } = presentImport(
        i,
        lines.filter((l) => l.importId === i.id),
        names,
      );
      return rest;
    }),
  };
}

/**
 * What a statement's place has received when the transfer paying it was booked for less than
 * its amount (a partial payment): the transfer's amount, what it and its complements paid, what
 * the funder wrote off and why. Statements paid in one go, or not yet paid at all, have none.
 * The ids come from a read the caller authorised (the place's or the funder's statements).
 */
export async function instalmentsOf(db: Queryable, statementIds: string[]) {
  const found = await repo.instalments(db, statementIds);
  return new Map(
    found.map(({ statementId, ...i }) => [
      statementId,
      { ...i, remainderCents: Math.max(0, i.transferCents - i.paidCents - i.writtenOffCents) },
    ]),
  );
}

/** The statements below zero netted into a transfer, each with the numbers it was deducted from. */
export async function deductionsOf(db: Queryable, statementIds: string[]) {
  const found = await repo.deductions(db, statementIds);
  return new Map(found.map((d) => [d.statementId, d.numbers]));
}

/** The statements whose file the bank refused, waiting for a later one: the day of the refusal. */
export async function bankRefusalsOf(db: Queryable, statementIds: string[]) {
  const found = await repo.bankRefusals(db, statementIds);
  return new Map(found.map((r) => [r.statementId, r.refusedOn]));
}

/** The statements waiting in a run not sent yet: its state and the execution day it asks for. */
export async function runsWaitingOf(db: Queryable, statementIds: string[]) {
  const found = await repo.runsWaiting(db, statementIds);
  return new Map(found.map((r) => [r.statementId, { runStatus: r.runStatus, requestedOn: r.requestedOn }]));
}

/** A statement a run may pay now: its place has an account, and none the bank sent a transfer back from. */
const sendable = (s: repo.PayableRow) => s.accountId !== null && !s.accountReturned;

/** Remainders left to pay with no complement in progress. */
const openRemainders = (remainders: repo.Remainder[]) =>
  remainders.filter((r) => r.remainderCents > 0 && !r.inProgress);

/** Remainders a run should pay: open, the place's account known and not one a transfer came back from. */
function dueComplements(remainders: repo.Remainder[]) {
  return openRemainders(remainders).filter((r) => r.accountId !== null && !r.awaitsNewAccount);
}

/** Open remainders held until their place records a bank account anew. */
const awaitingAccount = (remainders: repo.Remainder[]) =>
  openRemainders(remainders).filter((r) => r.awaitsNewAccount);

/** The places nothing is sent to until they record a bank account anew, by name. */
const placesAwaitingAccount = (payable: repo.PayableRow[], remainders: repo.Remainder[]) => [
  ...new Set([
    ...awaitingAccount(remainders).map((r) => r.placeName),
    ...payable.filter((s) => s.accountReturned).map((s) => s.placeName),
  ]),
];

const listed = (r: repo.Remainder) => ({
  endToEndId: r.endToEndId,
  placeName: r.placeName,
  statementNumbers: r.statementNumbers,
  remainderCents: r.remainderCents,
});

/** A complement as the next run would send it: its remainder netted with the statements since. */
const announced = (x: PlannedComplement) => ({
  ...listed(x.remainder),
  carriedNumbers: x.statements.map((s) => s.number),
  amountCents: x.amountCents,
});

type PlannedComplement = { remainder: repo.Remainder; statements: repo.PayableRow[]; amountCents: number };

/**
 * The statements a run takes through their steps: those linked to its transfers themselves. A
 * complement's root statements are in payment already; those it carries are new to the run.
 */
const ownStatements = (transfers: repo.TransferView[]) => transfers.flatMap((t) => t.ownStatementIds);

/**
 * Takes statements through a payment step (statements.advanceForPayment). Those a run the bank
 * refused freed (rejectRun) were approved and sent with it, and are in payment still: a later
 * run takes them through neither step again (nor tells their places twice they were approved),
 * and cancelled, leaves them in payment, payable by the next.
 */
async function advance(tx: Queryable, actor: Actor | null, ids: string[], step: statements.PaymentStep) {
  const resent = await repo.inPayment(tx, ids);
  await statements.advanceForPayment(
    tx,
    actor,
    ids.filter((id) => !resent.has(id)),
    step,
  );
}

/**
 * One transfer per place and programme. A remainder to pay again (a complement) carries the
 * statements of its place and programme issued since, of either sign: netted with them, a
 * statement below zero (a pass cancelled after it was stated) is deducted from the complement
 * rather than left aside while the complement pays the pass. A complement that the netting
 * leaves at zero or below is not sent: it and its statements wait for the next run.
 */
function planRun(statements: repo.PayableRow[], due: repo.Remainder[]) {
  const key = (x: { programId: string; placeId: string }) => `${x.programId}/${x.placeId}`;
  const carriedBy = new Map<string, repo.Remainder>();
  for (const r of due) if (!carriedBy.has(key(r))) carriedBy.set(key(r), r);
  const complements = due.map((remainder): PlannedComplement => {
    const carried =
      carriedBy.get(key(remainder)) === remainder ? statements.filter((s) => key(s) === key(remainder)) : [];
    return {
      remainder,
      statements: carried,
      amountCents: remainder.remainderCents + carried.reduce((sum, s) => sum + s.totalCents, 0),
    };
  });
  return {
    transfers: planTransfers(statements.filter((s) => !carriedBy.has(key(s)))),
    complements: complements.filter((x) => x.amountCents > 0),
    held: complements.filter((x) => x.amountCents <= 0),
  };
}

async function runView(tx: Queryable, actor: Actor, funderId: string, runId: string) {
  const run = await repo.findRun(tx, funderId, runId);
  if (!run) throw notFound(WHAT);
  const profile = await funders.paymentProfile(tx, funderId);
  const [view] = await presentRuns(tx, actor, [run], profile);
  return view!;
}

/**
 * Prepares a run: the statements issued and not contested, in no other run, grouped into one
 * transfer per place and programme, from the funder's account in force to each place's.
 * Places without a bank account wait for the next run.
 */
export async function prepareRun(
  db: Db,
  actor: Actor,
  funderId: string,
  input: { requestedExecutionDate?: string | undefined },
) {
  requireFunder(actor, 'payments:write', funderId, 'Financeur');
  const today = businessDate();
  const executionDate = executionDateOf(input.requestedExecutionDate, today);
  const runId = await db.transaction(async (tx) => {
    await repo.lockFunderRuns(tx, funderId);
    const profile = await funders.paymentProfile(tx, funderId);
    if (!profile.account)
      throw conflict(
        'no_bank_account',
        'Enregistrez d’abord le compte bancaire du financeur (Paramètres) : il est le compte débité des virements.',
      );
    const payable = await repo.payableStatements(tx, funderId);
    const withAccount = payable.filter(sendable);
    const remainders = await repo.remainders(tx, funderId);
    const { transfers: plan, complements, held } = planRun(withAccount, dueComplements(remainders));
    if (plan.length === 0 && complements.length === 0) {
      const waiting = placesAwaitingAccount(payable, remainders);
      const netted = [...new Set(held.map((x) => x.remainder.placeName))];
      throw conflict(
        'nothing_to_pay',
        `Aucun relevé émis ni reste de virement à payer à un lieu ayant donné son compte bancaire.${
          waiting.length
            ? ` Virement retourné par la banque, en attente d’un nouveau compte bancaire du lieu : ${waiting.join(', ')}.`
            : ''
        }${
          netted.length
            ? ` Reste de virement compensé par des pass annulés depuis, qui attend les prochains relevés du lieu : ${netted.join(', ')}.`
            : ''
        }`,
      );
    }
    const id = crypto.randomUUID();
    const total =
      plan.reduce((sum, t) => sum + t.amountCents, 0) +
      complements.reduce((sum, x) => sum + x.amountCents, 0);
    await repo.insertRun(tx, {
      id,
      funderId,
      debtorAccountId: profile.account.id,
      messageId: messageId(id),
      requestedExecutionDate: executionDate,
      totalCents: total,
      transferCount: plan.length + complements.length,
      preparedBy: actor.userId,
      fourEyes: fourEyesHolds(profile),
    });
    const accountOf = new Map(withAccount.map((s) => [s.placeId, s.accountId as number]));
    const transfer = (values: Omit<repo.NewTransfer, 'id' | 'runId' | 'funderId' | 'endToEndId'>) => {
      const transferId = crypto.randomUUID();
      return { id: transferId, runId: id, funderId, endToEndId: endToEndId(transferId), ...values };
    };
    await repo.insertTransfers(tx, [
      ...plan.map((t) => ({
        values: transfer({
          programId: t.programId,
          placeId: t.placeId,
          placeAccountId: accountOf.get(t.placeId)!,
          amountCents: t.amountCents,
          remittance: remittanceFor(
            t.statements.map((s) => s.number),
            profile.name,
          ),
        }),
        statementIds: t.statements.map((s) => s.id),
      })),
      ...complements.map(({ remainder: r, statements: carried, amountCents }) => ({
        values: transfer({
          programId: r.programId,
          placeId: r.placeId,
          placeAccountId: r.accountId!,
          amountCents,
          remittance: remittanceFor(
            [...r.statementNumbers, ...carried.map((s) => s.number)],
            profile.name,
            true,
          ),
          complementOf: r.rootId,
        }),
        statementIds: carried.map((s) => s.id),
      })),
    ]);
    await audit.record(tx, {
      actor,
      funderId,
      action: 'payment_run.prepare',
      objectType: 'payment_run',
      objectId: id,
      // The run's reference, as the web app and its SEPA file give it: the journal says which run.
      summary: {
        messageId: messageId(id),
        transfers: plan.length + complements.length,
        amountCents: total,
        statements: [...plan, ...complements].flatMap((t) => t.statements.map((s) => s.number)),
        complements: complements.map((x) => x.remainder.endToEndId),
        requestedExecutionDate: executionDate,
      },
    });
    return id;
  });
  return runView(db, actor, funderId, runId);
}

/** Why a run may not take the step to `to` (a run_state refusal), in French. */
function refusedStep(from: RunStatus, to: RunStatus): string {
  if (from === 'cancelled') return 'Ce lot a été annulé.';
  if (from === 'rejected')
    return 'Ce lot a été refusé par la banque : ses relevés vont dans un prochain lot.';
  if (to === 'rejected')
    return 'Ce lot n’a pas encore été transmis à la banque : elle n’a pas pu le refuser. Annulez-le s’il ne doit pas partir.';
  if (from === 'sent') return 'Ce lot a déjà été transmis à la banque.';
  return to === 'sent' ? 'Ce lot doit d’abord être approuvé.' : 'Ce lot a déjà été approuvé.';
}

async function lockedRun(tx: Queryable, funderId: string, runId: string, to: RunStatus) {
  const run = await repo.findRun(tx, funderId, runId, true);
  if (!run) throw notFound(WHAT);
  if (!runMay(run.status, to)) throw conflict('run_state', refusedStep(run.status, to));
  return run;
}

/** Approves a run and its statements; refused (`four_eyes`) to its preparer when the rule holds. */
export async function approveRun(
  db: Db,
  actor: Actor,
  funderId: string,
  runId: string,
  input: { confirmAccountsChecked?: boolean } = {},
) {
  requireFunder(actor, 'payments:write', funderId, WHAT);
  await db.transaction(async (tx) => {
    const run = await lockedRun(tx, funderId, runId, 'approved');
    const profile = await funders.paymentProfile(tx, funderId);
    if (
      fourEyesForbids({
        ...profile,
        preparedUnderRule: run.fourEyes,
        preparedBy: run.preparedBy,
        approver: actor.userId,
      })
    )
      throw new DomainError(
        'four_eyes',
        'Vous avez préparé ce lot : un autre administrateur du financeur doit l’approuver (règle des quatre yeux).',
      );
    const transfers = await repo.transfersOf(tx, [runId]);
    const toCheck = accountsToCheck(transfers, run.preparedAt);
    if (toCheck.length > 0 && !input.confirmAccountsChecked) {
      const message = accountsToCheckMessage(toCheck);
      throw conflict('accounts_to_check', message, [{ field: 'confirmAccountsChecked', message }]);
    }
    await advance(tx, actor, ownStatements(transfers), 'approve');
    await repo.setRun(tx, runId, { status: 'approved', approvedBy: actor.userId, approvedAt: new Date() });
    await audit.record(tx, {
      actor,
      funderId,
      action: 'payment_run.approve',
      objectType: 'payment_run',
      objectId: runId,
      summary: {
        messageId: run.messageId,
        amountCents: run.totalCents,
        transfers: run.transferCount,
        ...(toCheck.length > 0 && { accountsChecked: toCheck }),
      },
    });
  });
  return runView(db, actor, funderId, runId);
}

/** Cancels a run before it is sent; its statements may go into a later run. */
export async function cancelRun(db: Db, actor: Actor, funderId: string, runId: string) {
  requireFunder(actor, 'payments:write', funderId, WHAT);
  await db.transaction(async (tx) => {
    const run = await lockedRun(tx, funderId, runId, 'cancelled');
    if (run.status === 'approved') {
      await advance(tx, actor, ownStatements(await repo.transfersOf(tx, [runId])), 'unapprove');
    }
    await repo.setRun(tx, runId, { status: 'cancelled', cancelledBy: actor.userId, cancelledAt: new Date() });
    await repo.setTransfers(tx, runId, 'cancelled');
    await repo.releaseStatements(tx, runId);
    await audit.record(tx, {
      actor,
      funderId,
      action: 'payment_run.cancel',
      objectType: 'payment_run',
      objectId: runId,
      summary: { messageId: run.messageId, previousStatus: run.status, amountCents: run.totalCents },
    });
  });
  return runView(db, actor, funderId, runId);
}

/** What the bank did with a transfer it booked, for a refusal naming it. */
function bookedText(t: repo.TransferView): string {
  const paidOn = t.paidOn ? ` le ${frenchDate(t.paidOn)}` : '';
  const what =
    t.status === 'returned'
      ? `payé${paidOn} puis retourné${t.returnedOn ? ` le ${frenchDate(t.returnedOn)}` : ''}`
      : t.status === 'partial'
        ? `payé en partie${paidOn}`
        : `payé${paidOn}`;
  return `${t.placeName} (virement ${t.endToEndId}, ${what})`;
}

/**
 * Records that the bank refused the run's whole file (its rejection report, pain.002: wrong
 * format, debtor account blocked, cut-off missed), with the bank's reason: the run is
 * `rejected`, its transfers too, and its statements go into the next run. Refused
 * (`run_transfers_booked`) once the bank booked one of its transfers: it did not refuse the
 * file then. Nothing moves in the ledger: a place is paid there only when the bank's statement
 * shows its transfer. No four eyes (it pays nothing), but a funder admin only.
 */
export async function rejectRun(db: Db, actor: Actor, funderId: string, runId: string, reason: string) {
  requireFunder(actor, 'payments:write', funderId, WHAT);
  const text = reason.trim();
  if (!text)
    throw invalid([
      {
        field: 'reason',
        message:
          'Dites pourquoi la banque a refusé le fichier (motif obligatoire), comme l’indique son compte rendu de rejet.',
      },
    ]);
  await db.transaction(async (tx) => {
    await repo.lockFunderRuns(tx, funderId);
    const run = await lockedRun(tx, funderId, runId, 'rejected');
    const locked = await repo.lockRunTransfers(tx, runId);
    const transfers = await repo.transfersOf(tx, [runId]);
    if (locked.some((t) => t.status !== 'sent')) {
      const booked = transfers.filter((t) => t.status !== 'sent');
      throw conflict(
        'run_transfers_booked',
        `La banque a déjà passé ${booked.length > 1 ? 'des virements' : 'un virement'} de ce lot : ${booked.map(bookedText).join(' ; ')}. Elle n’a donc pas refusé le fichier entier : rapprochez ses relevés, un virement qu’elle renvoie y figure comme retourné.`,
      );
    }
    await repo.setRun(tx, runId, {
      status: 'rejected',
      rejectedBy: actor.userId,
      rejectedAt: new Date(),
      rejectionReason: text,
    });
    await repo.setTransfers(tx, runId, 'rejected');
    await repo.releaseStatements(tx, runId);
    await audit.record(tx, {
      actor,
      funderId,
      action: 'payment_run.reject',
      objectType: 'payment_run',
      objectId: runId,
      summary: {
        reason: text,
        messageId: run.messageId,
        amountCents: run.totalCents,
        transfers: run.transferCount,
        statements: [...new Set(transfers.flatMap((t) => t.statementNumbers))].sort(),
      },
    });
  });
  return runView(db, actor, funderId, runId);
}

/**
 * The run's SEPA file. The first download sends the run: its statements go `in_payment`, and
 * the day the file asks the bank to execute is recorded: the run's, or the next bank business
 * day when that one has passed (the run approved days after it was prepared). Later downloads
 * give the same file (same ids, same instant, same day) for a bank that lost it; each is
 * audited. A run the bank refused gives none: sent again, it would pay what the next run pays.
 * `actor` null is the command line, which may send any funder's approved run.
 */
export async function sepaFile(db: Db, actor: Actor | null, funderId: string, runId?: string) {
  if (actor) requireFunder(actor, 'payments:write', funderId, WHAT);
  return db.transaction(async (tx) => {
    const id = runId ?? (await repo.runs(tx, funderId, 50)).find((r) => r.status === 'approved')?.id;
    if (!id)
      throw conflict(
        'no_approved_run',
        'Aucun lot de paiement approuvé en attente de transmission pour ce financeur.',
      );
    let run = await repo.findRun(tx, funderId, id, true);
    if (!run) throw notFound(WHAT);
    const transfers = await repo.transfersOf(tx, [id]);
    const first = run.status === 'approved';
    if (first) {
      const sentAt = new Date();
      const sentExecutionDate = executionDateAtSending(run.requestedExecutionDate, businessDate(sentAt));
      await repo.setRun(tx, id, { status: 'sent', sentBy: actor?.userId ?? null, sentAt, sentExecutionDate });
      await repo.setTransfers(tx, id, 'sent');
      await advance(tx, actor, ownStatements(transfers), 'send');
      run = { ...run, status: 'sent', sentAt, sentExecutionDate };
    } else if (run.status !== 'sent') throw conflict('run_state', refusedStep(run.status, 'sent'));
    const profile = await funders.paymentProfile(tx, funderId);
    const debtor = await repo.debtorAccount(tx, run.debtorAccountId);
    const xml = buildPain001({
      messageId: run.messageId,
      createdAt: run.sentAt!,
      requestedExecutionDate: run.sentExecutionDate!,
      initiatingParty: profile.name,
      debtor: { name: debtor!.holder, iban: debtor!.iban, bic: debtor!.bic },
      transfers: transfers.map((t) => ({
        endToEndId: t.endToEndId,
        amountCents: t.amountCents,
        creditor: { name: t.holder, iban: t.iban, bic: t.bic },
        remittance: t.remittance,
      })),
    });
    await audit.record(tx, {
      actor,
      ...(actor ? {} : { actorLabel: 'ligne de commande' }),
      funderId,
      action: 'payment_run.sepa_download',
      objectType: 'payment_run',
      objectId: id,
      // `sentWithIt`: this download sent the run (its first); later ones are copies.
      summary: {
        messageId: run.messageId,
        amountCents: run.totalCents,
        transfers: transfers.length,
        // The day the file asks for: the run's, or the next bank business day once it passed.
        requestedExecutionDate: run.sentExecutionDate,
        sentWithIt: first,
      },
    });
    return {
      fileName: `virements-${run.messageId}.xml`,
      messageId: run.messageId,
      xml,
      totalCents: run.totalCents,
      transfers: transfers.length,
      sentWithIt: first,
    };
  });
}

type ImportRow = NonNullable<Awaited<ReturnType<typeof repo.findImport>>>;

function presentImport(row: ImportRow, lines: repo.LineView[], names: Map<string, string>) {
  const count = (kind: repo.LineView['outcome']) => lines.filter((l) => l.outcome === kind).length;
  return {
    id: row.id,
    format: row.format,
    fileName: row.fileName,
    importedAt: row.importedAt.toISOString(),
    importedBy: names.get(row.importedBy) ?? null,
    counts: {
      matched: count('matched'),
      partial: count('partial'),
      returned: count('returned'),
      unmatched: count('unmatched'),
      ignored: count('ignored'),
    },
    pending: lines.filter((l) => (l.outcome === 'partial' || l.outcome === 'unmatched') && !l.decision)
      .length,
    lines: lines.map(({ importId: _importId, decidedAt, ...l }) => ({
      ...l,
      // Raw SQL gives the instant as PostgreSQL writes it: normalised to ISO like every other.
      decidedAt: decidedAt ? new Date(decidedAt).toISOString() : null,
    })),
  };
}

export async function bankImport(db: Queryable, actor: Actor, funderId: string, importId: string) {
  requireFunder(actor, 'finance:read', funderId, 'Relevé bancaire');
  const row = await repo.findImport(db, funderId, importId);
  if (!row) throw notFound('Relevé bancaire');
  return presentImport(row, await repo.linesOf(db, [importId]), await repo.userNames(db, [row.importedBy]));
}

function readBankFile(format: 'camt053' | 'csv', content: Buffer): BankLine[] {
  try {
    const text = fileText(content);
    const lines = format === 'camt053' ? readCamt053(text) : readBankCsv(text);
    // An empty file, or titles alone, is a wrong file rather than a day without movement:
    // imported, it would sit among the statements as « 0 ligne rapprochée ».
    if (lines.length === 0)
      throw new BankFileError(
        'Ce fichier ne contient aucune opération comptabilisée : vérifiez que c’est le relevé exporté par la banque.',
      );
    return lines;
  } catch (e) {
    if (e instanceof BankFileError)
      throw invalid([{ field: 'file', message: e.message }], 'Le relevé bancaire est illisible.');
    throw e;
  }
}

/**
 * A bank's statement shows money that moved: a line booked after today is a wrong file or a
 * mistyped date. Taken, it would pay a transfer on a day to come, and the payables as of today
 * would count a payment the bank has not made.
 */
function refuseFutureBookings(format: 'camt053' | 'csv', lines: BankLine[]) {
  const today = businessDate();
  const ahead = lines.find((l) => l.bookingDate !== null && l.bookingDate > today);
  if (!ahead) return;
  const where = format === 'csv' ? `Ligne ${ahead.line}` : `Écriture n° ${ahead.line}`;
  throw invalid(
    [
      {
        field: 'file',
        message: `${where} : l’opération est datée du ${frenchDate(ahead.bookingDate!)}, après aujourd’hui. Un relevé de la banque ne montre que des opérations passées : vérifiez le fichier.`,
      },
    ],
    'Le relevé bancaire ne peut pas être importé.',
  );
}

/**
 * A statement of another account (the funder's other bank, a place's) would pay transfers the
 * funder's bank never made. Any of the account's versions is the funder's: a statement from
 * before a change of bank is still its own.
 */
function refuseOtherAccount(lines: BankLine[], ibans: string[]) {
  const other = lines.find((l) => l.account && !ibans.includes(l.account));
  if (!other || ibans.length === 0) return;
  throw invalid(
    [
      {
        field: 'file',
        message: `Ce relevé est celui du compte ${maskIban(other.account!)}, qui n’est pas celui du financeur (${maskIban(ibans[0]!)}) : importez le relevé du compte d’où partent les virements aux lieux.`,
      },
    ],
    'Le relevé bancaire ne peut pas être importé.',
  );
}

/**
 * Pays a transfer the bank's statement shows: the place's claim moves to paid in the ledger
 * (the database refuses beyond what is owed), the transfer records what and when. A transfer
 * paid in part leaves a remainder, paid by a complement of a later run or written off; its
 * statements become `paid` when the transfer and its complements together paid it all.
 */
async function settle(
  tx: Queryable,
  actor: Actor,
  funderId: string,
  transferId: string,
  line: { amountCents: number; bookingDate: string | null },
) {
  const transfer = await repo.lockTransfer(tx, funderId, transferId);
  if (!transfer || transfer.status !== 'sent')
    throw conflict('transfer_settled', 'Ce virement a déjà été rapproché.');
  const full = line.amountCents === transfer.amountCents;
  const paidOn = line.bookingDate ?? businessDate();
  await ledger.payPlace(tx, {
    funderId,
    programId: transfer.programId,
    placeId: transfer.placeId,
    amountCents: line.amountCents,
    movementReason: transfer.endToEndId,
  });
  await repo.settleTransfer(tx, transferId, {
    status: full ? 'paid' : 'partial',
    paidCents: line.amountCents,
    paidOn,
  });
  const rootId = transfer.complementOf ?? transferId;
  await closeIfSettled(tx, actor, funderId, rootId, full && !transfer.complementOf, transferId);
  await audit.record(tx, {
    actor,
    funderId,
    action: 'payment_transfer.paid',
    objectType: 'payment_transfer',
    objectId: transferId,
    summary: {
      endToEndId: transfer.endToEndId,
      amountCents: line.amountCents,
      expectedCents: transfer.amountCents,
      paidOn,
      placeId: transfer.placeId,
      ...(transfer.complementOf ? { complementOf: transfer.complementOf } : {}),
    },
  });
}

/**
 * The statements of a transfer become `paid` when nothing of it is left to pay (paid in full
 * at once, or by its complements, or the rest written off), with one statement_paid e-mail per
 * `closedBy` (the transfer or write-off that closed it: paid again after a return, told again).
 */
async function closeIfSettled(
  tx: Queryable,
  actor: Actor,
  funderId: string,
  rootId: string,
  paidAtOnce: boolean,
  closedBy: string,
) {
  const root = (await repo.lockTransfer(tx, funderId, rootId))!;
  let paidCents = root.amountCents;
  let lastPaidOn = root.paidOn!;
  if (!paidAtOnce) {
    const [r] = await repo.remainders(tx, funderId, [rootId]);
    if (!r || r.remainderCents > 0) return;
    paidCents = r.paidCents;
    lastPaidOn = r.lastPaidOn!;
  }
  await statements.markPaid(tx, actor, await repo.chainStatementIds(tx, rootId), {
    funderId,
    placeId: root.placeId,
    reference: closedBy,
    amountCents: paidCents,
    paidOn: lastPaidOn,
  });
}

/**
 * Takes back a transfer the bank sent back after booking it (a closed account, a wrong IBAN):
 * what it paid is owed to the place again in the ledger (never more than was paid: the
 * database checks), the transfer is `returned` with the day and the bank's reason, the
 * statements it had paid are in payment again, and the place's admins are told to check their
 * bank details. The next run sends the whole amount again, as a complement, to the account the
 * place has then.
 */
async function takeBack(
  tx: Queryable,
  actor: Actor,
  funderId: string,
  transferId: string,
  line: { bookingDate: string | null; returnReason?: string | null },
) {
  const transfer = await repo.lockTransfer(tx, funderId, transferId);
  if (!transfer || (transfer.status !== 'paid' && transfer.status !== 'partial'))
    throw conflict('transfer_settled', 'Ce virement n’est pas payé : il ne peut pas être retourné.');
  const returnedOn = line.bookingDate ?? businessDate();
  const reason = line.returnReason ?? null;
  const amountCents = transfer.paidCents!;
  await ledger.takeBackPayment(tx, {
    funderId,
    programId: transfer.programId,
    placeId: transfer.placeId,
    amountCents,
    movementReason: transfer.endToEndId,
  });
  await repo.markReturned(tx, transferId, { returnedOn, returnReason: reason });
  await statements.takeBackPayment(
    tx,
    actor,
    await repo.chainStatementIds(tx, transfer.complementOf ?? transferId),
    {
      funderId,
      placeId: transfer.placeId,
      reference: transferId,
      amountCents,
      returnedOn,
      reason,
    },
  );
  await audit.record(tx, {
    actor,
    funderId,
    action: 'payment_transfer.returned',
    objectType: 'payment_transfer',
    objectId: transferId,
    summary: {
      endToEndId: transfer.endToEndId,
      amountCents,
      returnedOn,
      ...(reason ? { returnReason: reason } : {}),
      placeId: transfer.placeId,
      ...(transfer.complementOf ? { complementOf: transfer.complementOf } : {}),
    },
  });
}

/** Imports the bank's statement: matched transfers are paid at once; the others await a decision. */
export async function importBankStatement(
  db: Db,
  actor: Actor,
  funderId: string,
  file: { format: 'camt053' | 'csv'; fileName: string; content: Buffer },
) {
  requireFunder(actor, 'payments:write', funderId, 'Financeur');
  const lines = readBankFile(file.format, file.content);
  refuseFutureBookings(file.format, lines);
  const contentSha256 = createHash('sha256').update(file.content).digest('hex');
  const importId = await db.transaction(async (tx) => {
    await repo.lockFunderRuns(tx, funderId);
    refuseOtherAccount(lines, await funders.accountIbans(tx, funderId));
    // The same statement twice is a slip: said at once, rather than a list of lines all
    // « déjà rapprochés » to dismiss one by one. The funder's runs are locked: no race.
    const earlier = await repo.importOfFile(tx, funderId, contentSha256);
    if (earlier)
      throw conflict(
        'bank_file_already_imported',
        `Ce relevé a déjà été importé le ${frenchMoment(earlier.importedAt)} (${earlier.fileName}) : ses lignes y sont rapprochées. Importez le relevé suivant de la banque.`,
      );
    const { awaited, settled, rejected } = await repo.transfersForMatching(tx, funderId);
    const matches = matchBankLines(lines, awaited, settled, rejected);
    const row = await repo.insertImport(tx, {
      funderId,
      format: file.format,
      fileName: file.fileName,
      importedBy: actor.userId,
      contentSha256,
    });
    await repo.insertLines(
      tx,
      matches.map((m) => ({
        importId: row.id,
        line: m.line.line,
        endToEndId: m.line.endToEndId,
        amountCents: m.line.amountCents,
        debit: m.line.debit,
        bookingDate: m.line.bookingDate,
        label: m.line.label,
        outcome: m.kind,
        reason:
          m.kind === 'unmatched' ? m.reason : m.kind === 'returned' ? (m.line.returnReason ?? null) : null,
        transferId:
          m.kind === 'matched' || m.kind === 'partial' || m.kind === 'returned' ? m.transfer.id : null,
      })),
    );
    // Payments first: a transfer paid and sent back in the same file is paid, then taken back.
    for (const m of matches)
      if (m.kind === 'matched') await settle(tx, actor, funderId, m.transfer.id, m.line);
    for (const m of matches)
      if (m.kind === 'returned') await takeBack(tx, actor, funderId, m.transfer.id, m.line);
    const count = (kind: string) => matches.filter((m) => m.kind === kind).length;
    await audit.record(tx, {
      actor,
      funderId,
      action: 'bank_statement.import',
      objectType: 'bank_import',
      objectId: row.id,
      summary: {
        fileName: file.fileName,
        format: file.format,
        matched: count('matched'),
        partial: count('partial'),
        returned: count('returned'),
        unmatched: count('unmatched'),
        ignored: count('ignored'),
      },
    });
    return row.id;
  });
  return bankImport(db, actor, funderId, importId);
}

/**
 * A person's decision on a line the matching could not settle: a partial amount accepted
 * (the place is paid what the bank booked) or rejected, an unmatched line dismissed.
 */
export async function decideLine(
  db: Db,
  actor: Actor,
  funderId: string,
  importId: string,
  lineId: number,
  decision: 'accept' | 'reject' | 'dismiss',
  reason?: string,
) {
  requireFunder(actor, 'payments:write', funderId, 'Relevé bancaire');
  // A line set aside is money that left the account, or came in, with no transfer to show for
  // it: whoever sets it aside says why, for the journal.
  if (decision !== 'accept' && !reason?.trim())
    throw invalid([
      {
        field: 'reason',
        message: 'Dites pourquoi cette ligne est écartée (motif obligatoire) : le journal le garde.',
      },
    ]);
  await db.transaction(async (tx) => {
    if (!(await repo.findImport(tx, funderId, importId))) throw notFound('Relevé bancaire');
    const line = await repo.lockLine(tx, importId, lineId);
    if (!line) throw notFound('Ligne du relevé');
    if (line.decision) throw conflict('line_decided', 'Une décision a déjà été prise pour cette ligne.');
    const allowed =
      line.outcome === 'partial' ? ['accept', 'reject'] : line.outcome === 'unmatched' ? ['dismiss'] : [];
    if (!allowed.includes(decision))
      throw invalid([
        {
          field: 'decision',
          message:
            line.outcome === 'partial'
              ? 'Pour un montant différent : accept (accepter le montant reçu) ou reject (écarter la ligne).'
              : line.outcome === 'unmatched'
                ? 'Une ligne non rapprochée peut seulement être écartée (dismiss).'
                : 'Cette ligne n’attend aucune décision.',
        },
      ]);
    if (decision === 'accept') await settle(tx, actor, funderId, line.transferId!, line);
    await repo.decideLine(tx, lineId, { decision, decidedBy: actor.userId });
    await audit.record(tx, {
      actor,
      funderId,
      action: 'bank_statement.line_decision',
      objectType: 'bank_import',
      objectId: importId,
      summary: {
        line: line.line,
        endToEndId: line.endToEndId,
        label: line.label,
        amountCents: line.amountCents,
        decision,
        ...(decision !== 'accept' && { reason: reason!.trim() }),
      },
    });
  });
  return bankImport(db, actor, funderId, importId);
}

/**
 * The rest of a chain as a write-off takes it: netted with the place's statements below zero
 * issued since for the programme (passes cancelled after they were stated), as a complement
 * would net them. Written off whole, the rest would count those passes twice: once in what the
 * funder gives up, and again when the place's next statements deduct them.
 */
function nettedRemainder(
  payable: repo.PayableRow[],
  r: { programId: string; placeId: string; remainderCents: number },
) {
  const netted = payable.filter(
    (s) => s.programId === r.programId && s.placeId === r.placeId && s.totalCents < 0,
  );
  return { netted, amountCents: r.remainderCents + netted.reduce((sum, s) => sum + s.totalCents, 0) };
}

/**
 * The database's own refusal of a write-off (migration 0051), met only when a cancellation or a
 * statement lands between the checks above and the write-off: the same answers as the checks.
 */
export function writeOffRefused(e: unknown): never {
  // Drizzle wraps the database's error: its message is in the cause.
  const message = String((e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message);
  if (/cancellations of place .* wait for their statement/.test(message))
    throw conflict(
      'write_off_pending_cancellations',
      'Un pass de ce lieu vient d’être annulé après son relevé : passez le reste en perte une fois son prochain relevé émis.',
    );
  if (/statement below zero|beyond the rest of the chain/.test(message))
    throw conflict(
      'no_remainder',
      'Le reste de ce virement vient de changer : rechargez la page avant de le passer en perte.',
    );
  throw e;
}

/**
 * Writes off the remainder of a transfer paid in part or sent back by the bank, with its reason
 * (e.g. the place agreed to a deduction, or closed): a new entry, the claim moves from owed to
 * written off in the ledger, and the chain's statements are closed (`paid`, showing what was
 * written off). Asked of a complement, it is its chain's remainder. Once per chain.
 */
export async function writeOffRemainder(
  db: Db,
  actor: Actor,
  funderId: string,
  transferId: string,
  reason: string,
) {
  requireFunder(actor, 'payments:write', funderId, 'Virement');
  const text = reason.trim();
  if (!text)
    throw invalid([
      { field: 'reason', message: 'Dites pourquoi ce reste ne sera pas payé (motif obligatoire).' },
    ]);
  const written = await db.transaction(async (tx) => {
    await repo.lockFunderRuns(tx, funderId);
    const asked = await repo.lockTransfer(tx, funderId, transferId);
    if (!asked) throw notFound('Virement');
    // A complement's remainder is its chain's: written off on the chain's first transfer.
    const transfer = asked.complementOf
      ? (await repo.lockTransfer(tx, funderId, asked.complementOf))!
      : asked;
    const [r] = await repo.remainders(tx, funderId, [transfer.id]);
    if (!r || r.remainderCents <= 0)
      throw conflict(
        'no_remainder',
        r
          ? 'Le reste de ce virement a déjà été payé ou passé en perte.'
          : 'Ce virement n’a pas de reste à payer : seul le reste d’un virement payé en partie ou retourné par la banque peut être passé en perte.',
      );
    if (r.inProgress)
      throw conflict(
        'complement_in_progress',
        'Un virement complémentaire de ce reste est en cours : annulez son lot avant de passer le reste en perte.',
      );
    // A pass cancelled since its statement, not stated yet: its next statement will deduct it,
    // and written off now, its value would be taken from the place twice.
    const pending = await statements.pendingAdjustments(tx, transfer.programId, transfer.placeId);
    if (pending.cents > 0)
      throw conflict(
        'write_off_pending_cancellations',
        `Des pass de ce lieu annulés après leur relevé (${formatEuros(pending.cents)}) figureront sur son prochain relevé, qui les déduira : passez le reste en perte une fois ce relevé émis (le ${frenchDate(pending.statedOn)}), pour qu’ils ne soient pas déduits deux fois.`,
      );
    const { netted, amountCents } = nettedRemainder(await repo.payableStatements(tx, funderId), r);
    if (amountCents <= 0)
      throw conflict(
        'no_remainder',
        `Les relevés émis depuis (n° ${netted.map((s) => s.number).join(', ')}) déduisent des pass annulés : net, rien ne reste à payer de ce virement, et les prochains relevés du lieu déduiront le solde.`,
      );
    // The statements netted go the way of the chain's own: linked to it, paid when it closes.
    await repo.linkStatements(
      tx,
      transfer.id,
      netted.map((s) => s.id),
    );
    for (const step of ['approve', 'send'] as const)
      await advance(
        tx,
        actor,
        netted.map((s) => s.id),
        step,
      );
    await ledger.writeOffPlace(tx, {
      funderId,
      programId: transfer.programId,
      placeId: transfer.placeId,
      amountCents,
      movementReason: transfer.endToEndId,
    });
    await repo
      .insertWriteOff(tx, {
        transferId: transfer.id,
        funderId,
        amountCents,
        reason: text,
        decidedBy: actor.userId,
      })
      .catch(writeOffRefused);
    await closeIfSettled(tx, actor, funderId, transfer.id, false, `${transfer.id}:write-off`);
    await audit.record(tx, {
      actor,
      funderId,
      action: 'payment_transfer.write_off',
      objectType: 'payment_transfer',
      objectId: transfer.id,
      summary: {
        endToEndId: transfer.endToEndId,
        amountCents,
        paidCents: r.paidCents,
        expectedCents: r.amountCents,
        reason: text,
        placeId: transfer.placeId,
        statements: r.statementNumbers,
        nettedStatements: netted.map((s) => s.number),
      },
    });
    return { runId: transfer.runId, rootId: transfer.id };
  });
  // The chain's first transfer, which shows what was written off.
  const run = await runView(db, actor, funderId, written.runId);
  return run.transfers.find((t) => t.id === written.rootId)!;
}
