import { businessDate, frenchDate } from '../../core/dates.js';

/**
 * What the approver of a run checks before money leaves: the classic diversion of a payment is
 * a place's bank account replaced shortly before a run (a hijacked admin account, a forged
 * letter), or an account into which two places are paid. The run names them; approving it then
 * takes an explicit confirmation that they were checked with the places, kept in the journal.
 */
export const NEW_ACCOUNT_DAYS = 30;

export interface AccountFacts {
  placeName: string;
  accountRecordedAt: Date;
  accountReplacedAnother: boolean;
  accountSharedWith: string[];
}

/** An account that replaced an earlier one of the place within 30 days before the run was prepared. */
export const isNewAccount = (t: AccountFacts, preparedAt: Date) =>
  t.accountReplacedAnother &&
  t.accountRecordedAt.getTime() > preparedAt.getTime() - NEW_ACCOUNT_DAYS * 86_400_000;

/** The run's transfers whose account is to be checked, one sentence each, in French. */
export function accountsToCheck(transfers: AccountFacts[], preparedAt: Date): string[] {
  const said = new Set<string>();
  for (const t of transfers) {
    if (isNewAccount(t, preparedAt))
      said.add(
        `${t.placeName} : compte enregistré le ${frenchDate(businessDate(t.accountRecordedAt))}, à la place d’un précédent`,
      );
    if (t.accountSharedWith.length > 0)
      said.add(`${t.placeName} : même IBAN que ${t.accountSharedWith.join(', ')}`);
  }
  return [...said];
}

export function accountsToCheckMessage(list: string[]): string {
  return `Avant d’approuver, vérifiez ces comptes auprès des lieux (par un contact connu, pas celui du changement) : ${list.join(' ; ')}. Confirmez ensuite les avoir vérifiés.`;
}
