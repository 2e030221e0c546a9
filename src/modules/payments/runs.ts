import { accountsToCheckMessage } from '../../core/account-checks.js';
import { addDays, businessDate, frenchDate } from '../../core/dates.js';
import { conflict, DomainError, invalid, notFound } from '../../core/errors.js';
import { isBankBusinessDay, nextBankBusinessDay } from '../../core/french-holidays.js';
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
import { type Actor, requireFunder } from '../../core/permissions.js';
import { buildPain001 } from '../../core/sepa/pain001.js';
import { remittanceFor } from '../../core/sepa/remittance.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';
import { accountsToCheck } from './account-checks.js';
import * as repo from './repo.js';
import { advance, WHAT } from './shared.js';
import { fourEyesRefusal, runView } from './views.js';

/**
 * A payment run's life: prepared from the statements issued (and the remainders to pay again),
 * approved with four eyes, cancelled, refused whole by the bank, and sent as its SEPA pain.001
 * file.
 */

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

/** A statement a run may pay now: its place has an account, and none the bank sent a transfer back from. */
export const sendable = (s: repo.PayableRow) => s.accountId !== null && !s.accountReturned;

/** Remainders left to pay with no complement in progress. */
const openRemainders = (remainders: repo.Remainder[]) =>
  remainders.filter((r) => r.remainderCents > 0 && !r.inProgress);

/** Remainders a run should pay: open, the place's account known and not one a transfer came back from. */
export function dueComplements(remainders: repo.Remainder[]) {
  return openRemainders(remainders).filter((r) => r.accountId !== null && !r.awaitsNewAccount);
}

/** Open remainders held until their place records a bank account anew. */
export const awaitingAccount = (remainders: repo.Remainder[]) =>
  openRemainders(remainders).filter((r) => r.awaitsNewAccount);

/** The places nothing is sent to until they record a bank account anew, by name. */
export const placesAwaitingAccount = (payable: repo.PayableRow[], remainders: repo.Remainder[]) => [
  ...new Set([
    ...awaitingAccount(remainders).map((r) => r.placeName),
    ...payable.filter((s) => s.accountReturned).map((s) => s.placeName),
  ]),
];

export type PlannedComplement = {
  remainder: repo.Remainder;
  statements: repo.PayableRow[];
  amountCents: number;
};

/**
 * The statements a run takes through their steps: those linked to its transfers themselves. A
 * complement's root statements are in payment already; those it carries are new to the run.
 */
const ownStatements = (transfers: repo.TransferView[]) => transfers.flatMap((t) => t.ownStatementIds);

/**
 * One transfer per place and programme. A remainder to pay again (a complement) carries the
 * statements of its place and programme issued since, of either sign: netted with them, a
 * statement below zero (a pass cancelled after it was stated) is deducted from the complement
 * rather than left aside while the complement pays the pass. A complement that the netting
 * leaves at zero or below is not sent: it and its statements wait for the next run.
 */
export function planRun(statements: repo.PayableRow[], due: repo.Remainder[]) {
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
    const accounts = new Map(withAccount.map((s) => [s.placeId, s.accountId as number]));
    const accountOf = (placeId: string) => accounts.get(placeId)!;
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
    // A place that recorded the funder's own account would be paid from it into it: the
    // database refuses the transfer (migration 0093); said here, naming the place to call.
    const selfPaid = await repo.placesOfIban(
      tx,
      [...plan.map((t) => accountOf(t.placeId)), ...complements.map((x) => x.remainder.accountId!)],
      profile.account.iban,
    );
    if (selfPaid.length)
      throw conflict(
        'creditor_is_debtor',
        `Le compte bancaire enregistré par ${selfPaid.join(', ')} est celui du financeur, d’où partent les virements : demandez au lieu d’enregistrer son propre compte, puis préparez le lot.`,
      );
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
    const transfer = (values: Omit<repo.NewTransfer, 'id' | 'runId' | 'funderId' | 'endToEndId'>) => {
      const transferId = crypto.randomUUID();
      return { id: transferId, runId: id, funderId, endToEndId: endToEndId(transferId), ...values };
    };
    await repo.insertTransfers(tx, [
      ...plan.map((t) => ({
        values: transfer({
          programId: t.programId,
          placeId: t.placeId,
          placeAccountId: accountOf(t.placeId),
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
            r.paidCents === 0 && r.writtenOffCents === 0 ? 'sent_again' : 'complement',
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
      throw new DomainError('four_eyes', fourEyesRefusal(profile));
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
