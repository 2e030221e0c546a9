import type { BankLine } from './bank-lines.js';

/**
 * Reconciliation: each line of the bank's statement against the transfers sent, by end-to-end
 * id. A debit is `matched` when the amount is the transfer's, `partial` when it differs (the
 * bank booked another amount: a person decides), `unmatched` when no transfer awaiting payment
 * carries the id (or the line repeats one already matched in the same file).
 *
 * A credit carrying the id of a transfer that was paid is that transfer coming back (a closed
 * account, a wrong IBAN): `returned` when it gives back what was paid, else `unmatched` for a
 * person to look at, as is a credit for a transfer not paid yet or already returned. Other
 * money coming in is not a transfer to a place: those lines are `ignored`. Debits are read
 * before credits, so that a return booked in the same file as its payment follows it. Pure.
 */

export interface AwaitedTransfer {
  id: string;
  endToEndId: string;
  amountCents: number;
}

/** A transfer the bank's statements already showed: paid (in full or in part), or returned. */
export interface SettledTransfer {
  id: string;
  endToEndId: string;
  paidCents: number;
  returned: boolean;
}

export type UnmatchedReason =
  | 'unknown_reference'
  /** a transfer of a run recorded as refused by the bank (0054): booked all the same */
  | 'rejected_run'
  | 'no_reference'
  | 'repeated'
  | 'already_settled'
  | 'already_returned'
  | 'not_paid_yet'
  | 'return_amount_differs'
  /** a debit above its transfer: the bank took more than it was asked, not the place's money */
  | 'amount_above_transfer';

export type LineMatch =
  | { kind: 'matched'; line: BankLine; transfer: AwaitedTransfer }
  | { kind: 'partial'; line: BankLine; transfer: AwaitedTransfer; differenceCents: number }
  | { kind: 'returned'; line: BankLine; transfer: { id: string; endToEndId: string } }
  | { kind: 'unmatched'; line: BankLine; reason: UnmatchedReason }
  /** the transfer is kept: the funder may record it paid for its own amount (decideLine) */
  | { kind: 'unmatched'; line: BankLine; reason: 'amount_above_transfer'; transfer: AwaitedTransfer }
  | { kind: 'ignored'; line: BankLine };

export function matchBankLines(
  lines: readonly BankLine[],
  awaited: readonly AwaitedTransfer[],
  settled: readonly SettledTransfer[] = [],
  /** end-to-end ids of the transfers of runs recorded as refused by the bank */
  rejected: readonly string[] = [],
): LineMatch[] {
  const awaitedById = new Map(awaited.map((t) => [t.endToEndId, t]));
  const rejectedIds = new Set(rejected);
  const settledById = new Map(settled.map((t) => [t.endToEndId, t]));
  const taken = new Set<string>();
  const results = new Map<BankLine, LineMatch>();

  for (const line of lines.filter((l) => l.debit)) {
    const match = matchDebit(line, awaitedById, settledById, rejectedIds, taken);
    results.set(line, match);
    if (match.kind === 'matched')
      // Paid by this file: a return further on gives this amount back.
      settledById.set(line.endToEndId!, {
        id: match.transfer.id,
        endToEndId: match.transfer.endToEndId,
        paidCents: line.amountCents,
        returned: false,
      });
  }
  for (const line of lines.filter((l) => !l.debit)) {
    const match = matchCredit(line, awaitedById, settledById);
    results.set(line, match);
    if (match.kind === 'returned')
      settledById.set(line.endToEndId!, { ...settledById.get(line.endToEndId!)!, returned: true });
  }
  return lines.map((line) => results.get(line)!);
}

function matchDebit(
  line: BankLine,
  awaitedById: ReadonlyMap<string, AwaitedTransfer>,
  settledById: ReadonlyMap<string, SettledTransfer>,
  rejectedIds: ReadonlySet<string>,
  taken: Set<string>,
): LineMatch {
  if (!line.endToEndId) return { kind: 'unmatched', line, reason: 'no_reference' };
  const transfer = awaitedById.get(line.endToEndId);
  if (!transfer)
    return {
      kind: 'unmatched',
      line,
      reason: settledById.has(line.endToEndId)
        ? 'already_settled'
        : rejectedIds.has(line.endToEndId)
          ? 'rejected_run'
          : 'unknown_reference',
    };
  if (taken.has(transfer.id)) return { kind: 'unmatched', line, reason: 'repeated' };
  // Less than asked may be accepted as a partial payment; more never pays the place beyond its
  // transfer: the difference is the bank's to give back, settled with it outside the platform.
  // Such a line does not take the transfer: the bank's corrected debit, further on, pays it.
  if (line.amountCents > transfer.amountCents)
    return { kind: 'unmatched', line, reason: 'amount_above_transfer', transfer };
  taken.add(transfer.id);
  return line.amountCents === transfer.amountCents
    ? { kind: 'matched', line, transfer }
    : { kind: 'partial', line, transfer, differenceCents: line.amountCents - transfer.amountCents };
}

function matchCredit(
  line: BankLine,
  awaitedById: ReadonlyMap<string, AwaitedTransfer>,
  settledById: ReadonlyMap<string, SettledTransfer>,
): LineMatch {
  const paid = line.endToEndId ? settledById.get(line.endToEndId) : undefined;
  if (paid) {
    if (paid.returned) return { kind: 'unmatched', line, reason: 'already_returned' };
    if (line.amountCents !== paid.paidCents)
      return { kind: 'unmatched', line, reason: 'return_amount_differs' };
    return { kind: 'returned', line, transfer: { id: paid.id, endToEndId: paid.endToEndId } };
  }
  if (line.endToEndId && awaitedById.has(line.endToEndId))
    return { kind: 'unmatched', line, reason: 'not_paid_yet' };
  return { kind: 'ignored', line };
}
