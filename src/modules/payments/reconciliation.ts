import { createHash } from 'node:crypto';
import { maskIban } from '../../core/bank-account.js';
import { businessDate, frenchDate, frenchMoment } from '../../core/dates.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import { formatEuros } from '../../core/money.js';
import { type Actor, requireFunder } from '../../core/permissions.js';
import { readBankCsv } from '../../core/sepa/bank-csv.js';
import { BankFileError, type BankLine } from '../../core/sepa/bank-lines.js';
import { readCamt053 } from '../../core/sepa/camt053.js';
import { matchBankLines } from '../../core/sepa/match.js';
import { fileText } from '../../core/text.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';
import * as ledger from '../ledger/service.js';
import * as statements from '../statements/service.js';
import * as repo from './repo.js';
import { advance, nettedRemainder } from './shared.js';
import { presentImport, runView } from './views.js';

/**
 * The bank's statement (camt.053 or CSV) reconciled with the transfers sent: matched lines pay
 * their transfer, returns take it back, a person decides the others; what a transfer left to
 * pay is netted and written off.
 */

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
  // The database refuses it too (payment_transfers_paid_within_amount).
  if (line.amountCents > transfer.amountCents)
    throw invalid(
      [
        {
          field: 'decision',
          message: `La banque a débité ${formatEuros(line.amountCents)} pour un virement de ${formatEuros(transfer.amountCents)} : le lieu ne peut être payé au-delà ; voyez l’écart avec la banque.`,
        },
      ],
      'Montant supérieur au virement.',
    );
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
    // Paid at once: its label is the one the place reads; after complements, several labels.
    ...(paidAtOnce ? { remittance: root.remittance } : {}),
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
        transferId: 'transfer' in m ? m.transfer.id : null,
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
 * (the place is paid what the bank booked) or rejected, an unmatched line dismissed. A debit
 * above its transfer may also be accepted: the transfer is then recorded paid for its own
 * amount, what the place was asked; the bank's excess stays for the funder to recover.
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
    const above =
      line.outcome === 'unmatched' && line.reason === 'amount_above_transfer' && !!line.transferId;
    const allowed =
      line.outcome === 'partial'
        ? ['accept', 'reject']
        : above
          ? ['accept', 'dismiss']
          : line.outcome === 'unmatched'
            ? ['dismiss']
            : [];
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
    const paidCents = above ? await transferAmount(tx, funderId, line.transferId!) : line.amountCents;
    if (decision === 'accept')
      await settle(tx, actor, funderId, line.transferId!, { ...line, amountCents: paidCents });
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
        ...(decision === 'accept' && paidCents !== line.amountCents && { paidCents }),
        ...(decision !== 'accept' && { reason: reason!.trim() }),
      },
    });
  });
  return bankImport(db, actor, funderId, importId);
}

/** What a transfer asked the bank to pay (the line's transfer is the funder's: it was matched so). */
async function transferAmount(tx: Queryable, funderId: string, transferId: string) {
  const transfer = await repo.lockTransfer(tx, funderId, transferId);
  if (!transfer) throw notFound('Virement');
  return transfer.amountCents;
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
