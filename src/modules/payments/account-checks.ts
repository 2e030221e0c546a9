import { type AccountToCheck, accountCheckLines } from '../../core/account-checks.js';
import { businessDate } from '../../core/dates.js';

/**
 * An account is new to a run when it replaced another IBAN of the place within the 30 days
 * before the run was prepared: the classic diversion of a payment (core/account-checks.ts
 * says what the approver checks). Approving such a run takes an explicit confirmation.
 */
export const NEW_ACCOUNT_DAYS = 30;

export interface AccountFacts {
  placeName: string;
  accountRecordedAt: Date;
  accountReplacedAnother: boolean;
  accountSharedWith: string[];
}

export const isNewAccount = (t: AccountFacts, preparedAt: Date) =>
  t.accountReplacedAnother &&
  t.accountRecordedAt.getTime() > preparedAt.getTime() - NEW_ACCOUNT_DAYS * 86_400_000;

/** What the run's transfers say of their accounts, as the run's view gives it. */
export const accountToCheck = (t: AccountFacts, preparedAt: Date): AccountToCheck => ({
  placeName: t.placeName,
  accountNew: isNewAccount(t, preparedAt),
  accountRecordedOn: businessDate(t.accountRecordedAt),
  accountSharedWith: t.accountSharedWith,
});

/** The run's accounts to check, one sentence each. */
export const accountsToCheck = (transfers: AccountFacts[], preparedAt: Date) =>
  accountCheckLines(transfers.map((t) => accountToCheck(t, preparedAt)));
