/**
 * A line of a bank statement as the reconciliation reads it, whatever the file it came from
 * (camt.053 or the CSV fallback). Pure.
 */
export interface BankLine {
  /** 1-based position in the file, to point the person at it. */
  line: number;
  endToEndId: string | null;
  /** Always positive: `debit` says the direction. */
  amountCents: number;
  /** Money leaving the funder's account: what a transfer to a place is. */
  debit: boolean;
  /** YYYY-MM-DD, the booking date; null when the file gives none. */
  bookingDate: string | null;
  label: string;
  /**
   * A credit the bank gives back a transfer with: its ISO 20022 reason (camt.053's
   * RtrInf/Rsn, e.g. AC04 for a closed account). Absent when the file does not say (CSV).
   */
  returnReason?: string | null;
  /**
   * The IBAN of the account the statement is of (camt.053's Stmt/Acct/Id/IBAN, without spaces):
   * a statement of another account must not pay the funder's transfers. Absent from a CSV.
   */
  account?: string | null;
}

/** A file the reader cannot take: the French message names what is wrong, and where. */
export class BankFileError extends Error {}
