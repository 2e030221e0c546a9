import type { BankLine } from './bank-lines.js';

/**
 * Reconciliation: each line of the bank's statement against the transfers sent, by end-to-end
 * id. `matched` when the amount is the transfer's, `partial` when it differs (the bank booked
 * another amount: a person decides), `unmatched` when no transfer awaiting payment carries the
 * id (or the line repeats one already matched in the same file). Money coming in is not a
 * transfer to a place: those lines are `ignored`. Pure.
 */

export interface AwaitedTransfer {
  id: string;
  endToEndId: string;
  amountCents: number;
}

export type LineMatch =
  | { kind: 'matched'; line: BankLine; transfer: AwaitedTransfer }
  | { kind: 'partial'; line: BankLine; transfer: AwaitedTransfer; differenceCents: number }
  | {
      kind: 'unmatched';
      line: BankLine;
      reason: 'unknown_reference' | 'no_reference' | 'repeated' | 'already_settled';
    }
  | { kind: 'ignored'; line: BankLine };

/** `settled`: end-to-end ids of transfers already reconciled (a statement imported twice). */
export function matchBankLines(
  lines: readonly BankLine[],
  awaited: readonly AwaitedTransfer[],
  settled: ReadonlySet<string> = new Set(),
): LineMatch[] {
  const byId = new Map(awaited.map((t) => [t.endToEndId, t]));
  const taken = new Set<string>();
  return lines.map((line): LineMatch => {
    if (!line.debit) return { kind: 'ignored', line };
    if (!line.endToEndId) return { kind: 'unmatched', line, reason: 'no_reference' };
    const transfer = byId.get(line.endToEndId);
    if (!transfer)
      return {
        kind: 'unmatched',
        line,
        reason: settled.has(line.endToEndId) ? 'already_settled' : 'unknown_reference',
      };
    if (taken.has(transfer.id)) return { kind: 'unmatched', line, reason: 'repeated' };
    taken.add(transfer.id);
    return line.amountCents === transfer.amountCents
      ? { kind: 'matched', line, transfer }
      : { kind: 'partial', line, transfer, differenceCents: line.amountCents - transfer.amountCents };
  });
}
