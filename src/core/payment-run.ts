import { nextBankBusinessDay } from './french-holidays.js';

/**
 * Payment runs (issue 12, point 3): the funder groups what it owes places into one SEPA
 * transfer file. A run is `prepared` by an admin, `approved` (by another when four eyes apply),
 * `sent` when its file is generated for the bank; it may be `cancelled` before sending, and is
 * `rejected` when the bank refused the whole file (its pain.002: wrong format, debtor account
 * blocked, cut-off missed) before booking any of its transfers. Each transfer of a run is
 * `prepared`, then `sent` with its file, then `paid` or `partial` when the bank's statement
 * shows it, and `returned` if a later statement shows it coming back; or `rejected` with its
 * run. Migrations 0034, 0048 and 0054's triggers enforce both sequences; the runs' one is also
 * here, for the service to refuse a step with a clear message before it writes.
 * Pure: no I/O.
 */

export const RUN_STATUSES = ['prepared', 'approved', 'sent', 'cancelled', 'rejected'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  prepared: ['approved', 'cancelled'],
  approved: ['sent', 'cancelled'],
  // Only while none of its transfers was booked (paid, partial, returned): checked apart.
  sent: ['rejected'],
  cancelled: [],
  rejected: [],
};

/**
 * `returned`: the bank booked it, then sent it back (0048); a complement sends it again.
 * `rejected`: the bank refused the file carrying it (0054); its statements go into a later run.
 */
export const TRANSFER_STATUSES = [
  'prepared',
  'sent',
  'paid',
  'partial',
  'returned',
  'cancelled',
  'rejected',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export function runMay(from: RunStatus, to: RunStatus): boolean {
  return RUN_TRANSITIONS[from].includes(to);
}

/**
 * The day a run's file asks the bank to execute its transfers, when it is generated on `today`:
 * the day the run asked for, unless it has passed (the run approved or sent days after it was
 * prepared); then the next bank business day, as a run prepared today would ask by default.
 */
export function executionDateAtSending(requested: string, today: string): string {
  return requested < today ? nextBankBusinessDay(today) : requested;
}

/**
 * The four-eyes rule: when the funder has two admins or more and keeps the rule on (its
 * setting, on by default), the admin who approves a run is not the one who prepared it. A
 * funder with a single admin could otherwise never pay, so the rule then does not apply.
 */
export function fourEyesHolds(profile: { fourEyes: boolean; adminCount: number }): boolean {
  return profile.fourEyes && profile.adminCount >= 2;
}

/**
 * Whether the rule forbids `approver` to approve the run: as it holds now, or as it held when
 * the run was prepared (`preparedUnderRule`), so that its preparer cannot turn it off to
 * approve alone.
 */
export function fourEyesForbids(input: {
  fourEyes: boolean;
  adminCount: number;
  preparedUnderRule: boolean;
  preparedBy: string;
  approver: string;
}): boolean {
  return (input.preparedUnderRule || fourEyesHolds(input)) && input.preparedBy === input.approver;
}

export interface PayableStatement {
  id: string;
  number: string;
  programId: string;
  placeId: string;
  totalCents: number;
}

export interface PlannedTransfer {
  programId: string;
  placeId: string;
  amountCents: number;
  statements: PayableStatement[];
}

/**
 * Statements grouped into transfers: one per place and programme (the ledger pays a place per
 * programme), summing its statements, in the order of their numbers. A group whose total is
 * not positive (adjustments beyond the month's redemptions) is left out: nothing to send.
 */
export function planTransfers(statements: readonly PayableStatement[]): PlannedTransfer[] {
  const groups = new Map<string, PlannedTransfer>();
  const sorted = [...statements].sort((a, b) => a.number.localeCompare(b.number));
  for (const s of sorted) {
    const key = `${s.programId}/${s.placeId}`;
    const group = groups.get(key) ?? {
      programId: s.programId,
      placeId: s.placeId,
      amountCents: 0,
      statements: [],
    };
    group.amountCents += s.totalCents;
    group.statements.push(s);
    groups.set(key, group);
  }
  return [...groups.values()].filter((g) => g.amountCents > 0);
}

/**
 * A transfer's end-to-end id: 'PN' and the transfer's uuid without dashes (34 characters, within
 * the schema's 35), unique because the uuid is; it comes back on the bank's statement.
 */
export function endToEndId(transferId: string): string {
  return `PN${transferId.replace(/-/g, '').toUpperCase()}`;
}

/** The file's message id: 'PN-' and the run's uuid without dashes (35 characters). */
export function messageId(runId: string): string {
  return `PN-${runId.replace(/-/g, '').toUpperCase()}`;
}
