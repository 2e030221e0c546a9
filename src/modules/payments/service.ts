import { maskIban } from '../../core/bank-account.js';
import { businessDate } from '../../core/dates.js';
import { type Actor, placeRoleOf, requireFunder } from '../../core/permissions.js';
import { fileSlug } from '../../core/text.js';
import type { Db, Queryable } from '../../db/client.js';
import * as funders from '../funders/service.js';
import * as repo from './repo.js';
import {
  awaitingAccount,
  dueComplements,
  type PlannedComplement,
  placesAwaitingAccount,
  planRun,
  sendable,
} from './runs.js';
import { placeTransfersCsv, presentImport, presentPlaceTransfers, presentRuns } from './views.js';

export {
  bankImport,
  decideLine,
  importBankStatement,
  writeOffRefused,
  writeOffRemainder,
} from './reconciliation.js';
export { approveRun, cancelRun, prepareRun, rejectRun, sepaFile } from './runs.js';

/**
 * Paying the places (issue 12, points 3 to 5): payment runs prepared from the statements
 * issued, approved with four eyes, sent as a SEPA pain.001 file, then reconciled with the
 * bank's statement. Each use-case is one transaction with its audit entries.
 *
 * This file is the module's entry point: a run's life is in runs.ts, the bank's statement in
 * reconciliation.ts, how both are shown in views.ts, and what they share in shared.ts.
 */

/** Throws unless the actor may prepare, approve, send and reconcile the funder's payments. */
export function mayPay(actor: Actor, funderId: string) {
  requireFunder(actor, 'payments:write', funderId, 'Financeur');
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
 * The transfers every funder sent to the place's bank on a day of the period, the most recent
 * first: what its treasurer ticks off on the bank's statement, line by line. Its people read
 * them as they read its statements (admins and agents); anyone else finds no place (404).
 */
export async function transfersToPlace(
  db: Queryable,
  actor: Actor,
  placeId: string,
  period: { from: string; to: string },
) {
  placeRoleOf(actor, placeId);
  const rows = await repo.transfersToPlace(db, placeId, period.from, period.to);
  return { ...period, transfers: await presentPlaceTransfers(db, rows) };
}

/** The same list as a French CSV, named by the place and the period. */
export async function transfersToPlaceCsv(
  db: Queryable,
  actor: Actor,
  placeId: string,
  period: { from: string; to: string },
) {
  const { transfers } = await transfersToPlace(db, actor, placeId, period);
  const name = (await funders.organisationNames(db, [placeId])).get(placeId) ?? '';
  return {
    name: `virements-${fileSlug(name, 'lieu')}-${period.from}-${period.to}.csv`,
    body: placeTransfersCsv(name, transfers),
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

/**
 * Whether the bank sent a transfer back from this account of the place: nothing is sent there
 * again until the place records an account anew, the same one included (qualification).
 */
export function accountReturned(db: Queryable, placeId: string, accountId: number) {
  return repo.accountReturned(db, placeId, accountId);
}

/**
 * The place's transfers that still go to a former account after it recorded `accountId`: a run
 * pays the accounts it was prepared and approved with, and a file sent to the bank is gone. Its
 * admins and the funders concerned are told (qualification.setBankAccount); never the whole
 * IBAN, its last four characters.
 */
export async function transfersToFormerAccounts(db: Queryable, placeId: string, accountId: number) {
  const rows = await repo.transfersToOtherAccounts(db, placeId, accountId);
  const names = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.funderId))) names.set(id, await funders.nameOf(db, id));
  return rows.map((r) => ({
    funderId: r.funderId,
    funderName: names.get(r.funderId) ?? '',
    amountCents: r.amountCents,
    state: r.state,
    since: businessDate(r.since),
    formerIbanEnd: r.formerIban.slice(-4),
  }));
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
