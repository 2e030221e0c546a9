import type { Queryable } from '../db/client.js';

/**
 * A safeguard of the money that changed: the four-eyes rule on a funder's payment runs, the
 * account that pays (a funder's) or is paid (a place's), with its new IBAN, or someone the
 * platform's operator invited to a funder (an admin there pays and takes the printer's file).
 */
export type SafeguardChange =
  | { change: 'four_eyes_off' | 'four_eyes_on' }
  | { change: 'bank_account'; iban: string; formerAccountTransfers?: FormerAccountTransfer[] }
  | { change: 'operator_invitation'; invitedEmail: string; roleLabel: string };

/**
 * A transfer to a place that still goes to its former account after it recorded a new one: a
 * payment run pays the accounts it was prepared and approved with, and a file sent is gone.
 * `since`: the day its run was prepared, approved or sent ('YYYY-MM-DD').
 */
export interface FormerAccountTransfer {
  funderName: string;
  amountCents: number;
  state: 'prepared' | 'approved' | 'sent';
  since: string;
  /** the former account's last four characters: never the whole IBAN in an e-mail */
  formerIbanEnd: string;
}

/**
 * Tells the admins of the organisation a safeguard changed, in the transaction of the change.
 * Given by the caller to the module that makes the change, which does not know who the admins
 * are (auth does, and auth depends on that module).
 */
export type TellAdmins = (tx: Queryable, what: SafeguardChange) => Promise<void>;
