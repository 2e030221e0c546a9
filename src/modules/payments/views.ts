import { maskIban } from '../../core/bank-account.js';
import { frenchCsv } from '../../core/csv.js';
import { businessDate, frenchShortDate } from '../../core/dates.js';
import { notFound } from '../../core/errors.js';
import { formatEuros } from '../../core/money.js';
import { fourEyesForbids } from '../../core/payment-run.js';
import { type Actor, can } from '../../core/permissions.js';
import { nameInFile, remittanceInFile } from '../../core/sepa/pain001.js';
import { saysSentAgain } from '../../core/sepa/remittance.js';
import { returnReasonLabel } from '../../core/sepa/return-reasons.js';
import type { Queryable } from '../../db/client.js';
import * as funders from '../funders/service.js';
import * as programs from '../programs/service.js';
import { accountToCheck } from './account-checks.js';
import * as repo from './repo.js';
import { nettedRemainder, WHAT } from './shared.js';

/**
 * How a payment run and an import of the bank's statement are shown: in the overview, and
 * after each step.
 */

/**
 * Why the rule refuses a run to its preparer. With no other admin left who can act (the other
 * one's account disabled), the run prepared under the rule would wait for nobody: cancelled and
 * prepared anew, it no longer falls under it (core/payment-run.ts `fourEyesHolds`).
 */
export function fourEyesRefusal(profile: { adminCount: number }): string {
  return profile.adminCount >= 2
    ? 'Vous avez préparé ce lot : un autre administrateur du financeur doit l’approuver (règle des quatre yeux).'
    : 'Vous avez préparé ce lot sous la règle des quatre yeux, et le financeur n’a plus d’autre administrateur pour l’approuver : annulez-le, puis préparez-en un nouveau, que vous pourrez approuver.';
}

export function approveBlock(
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
    return fourEyesRefusal(profile);
  return null;
}

export async function presentRuns(
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
          // As the place's bank statement reads it: a returned transfer sent again, or a complement.
          sentAgain: t.complementOf !== null && saysSentAgain(t.remittance),
          remainderCents: t.remainderCents,
          writeOffCents: writeOffOf(t),
          writtenOffCents: t.writtenOffCents,
        })),
    };
  });
}

export async function runView(tx: Queryable, actor: Actor, funderId: string, runId: string) {
  const run = await repo.findRun(tx, funderId, runId);
  if (!run) throw notFound(WHAT);
  const profile = await funders.paymentProfile(tx, funderId);
  const [view] = await presentRuns(tx, actor, [run], profile);
  return view!;
}

export type ImportRow = NonNullable<Awaited<ReturnType<typeof repo.findImport>>>;

export function presentImport(row: ImportRow, lines: repo.LineView[], names: Map<string, string>) {
  const count = (kind: repo.LineView['outcome']) => lines.filter((l) => l.outcome === kind).length;
  const accepted = lines.filter((l) => l.decision === 'accept').length;
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
    // Reconciled are the lines matched and those a person accepted afterwards (another amount,
    // or a debit above its transfer): the list's « Rapprochées » counted the first alone, 0 for
    // an import whose every line a person had accepted.
    reconciled: count('matched') + accepted,
    accepted,
    lines: lines.map(({ importId: _importId, decidedAt, ...l }) => ({
      ...l,
      // Raw SQL gives the instant as PostgreSQL writes it: normalised to ISO like every other.
      decidedAt: decidedAt ? new Date(decidedAt).toISOString() : null,
    })),
  };
}

/**
 * The place's transfers as its bank statement shows them, for its treasurer: the reference and
 * the remittance text as the SEPA file carried them (pain001's own rules, not a second copy),
 * the account paid by its last four characters only. The most recent first.
 */
export async function presentPlaceTransfers(db: Queryable, rows: repo.TransferView[]) {
  const programNames = await programs.namesOf(db, [...new Set(rows.map((r) => r.programId))]);
  const funderNames = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.funderId))) funderNames.set(id, await funders.nameOf(db, id));
  return rows
    .filter((r): r is repo.TransferView & { sentAt: Date } => r.sentAt !== null)
    .sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime() || a.endToEndId.localeCompare(b.endToEndId))
    .map((r) => ({
      id: r.id,
      funderId: r.funderId,
      funderName: funderNames.get(r.funderId) ?? '',
      programId: r.programId,
      programName: programNames.get(r.programId) ?? '',
      sentOn: businessDate(r.sentAt),
      executionDate: r.sentExecutionDate,
      status: r.status as 'sent' | 'paid' | 'partial' | 'returned',
      amountCents: r.amountCents,
      paidCents: r.paidCents,
      paidOn: r.paidOn,
      returnedOn: r.returnedOn,
      returnReason: r.returnReason,
      returnReasonLabel: r.status === 'returned' ? returnReasonLabel(r.returnReason) : null,
      endToEndId: r.endToEndId,
      remittance: remittanceInFile(r.remittance),
      payerName: nameInFile(r.debtorHolder),
      ibanEnd: r.iban.slice(-4),
      statements: r.statementIds.map((id, i) => ({ id, number: r.statementNumbers[i]! })),
    }));
}

export type PlaceTransfer = Awaited<ReturnType<typeof presentPlaceTransfers>>[number];

/** Where a transfer stands, in the place's words: the CSV's « État » column. */
export function placeTransferState(t: PlaceTransfer): string {
  switch (t.status) {
    case 'sent':
      return 'Envoyé à la banque';
    case 'paid':
      return `Payé le ${frenchShortDate(t.paidOn!)}`;
    case 'partial':
      return `Payé en partie le ${frenchShortDate(t.paidOn!)} : ${formatEuros(t.paidCents ?? 0)} sur ${formatEuros(t.amountCents)}`;
    case 'returned':
      return `Retourné par la banque le ${frenchShortDate(t.returnedOn!)} (${t.returnReasonLabel})`;
  }
}

const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/**
 * The place's transfers as a French CSV, one line each, the statements by their numbers. The
 * place's name opens every line: the files of an association's sites merge into one sheet.
 */
export function placeTransfersCsv(placeName: string, transfers: readonly PlaceTransfer[]): string {
  return frenchCsv([
    [
      'Lieu',
      'Envoyé à la banque le',
      'Exécution demandée le',
      'Financeur',
      'Dispositif',
      'Montant (€)',
      'État',
      'Référence de bout en bout',
      'Libellé du virement',
      'Donneur d’ordre',
      'Compte crédité',
      'Relevés payés',
    ],
    ...transfers.map((t) => [
      placeName,
      frenchShortDate(t.sentOn),
      t.executionDate ? frenchShortDate(t.executionDate) : '',
      t.funderName,
      t.programName,
      euros(t.amountCents),
      placeTransferState(t),
      t.endToEndId,
      t.remittance,
      t.payerName,
      `se terminant par ${t.ibanEnd}`,
      t.statements.map((s) => s.number).join(', '),
    ]),
  ]);
}
