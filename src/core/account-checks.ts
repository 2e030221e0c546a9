import { frenchDate } from './dates.js';

/**
 * What the approver of a payment run checks before money leaves, in the words both the server's
 * refusal and the run's card use: a place's account replaced shortly before the run (a hijacked
 * admin account, a forged letter), or one into which two places of different legal entities
 * (SIREN) are paid: an association's sites paid into its one account are not to check.
 */
export interface AccountToCheck {
  placeName: string;
  /** the account replaced another IBAN of the place within the 30 days before the run */
  accountNew: boolean;
  accountRecordedOn: string;
  /** the other places whose current account has the same IBAN, but those of the same SIREN */
  accountSharedWith: string[];
}

/** One sentence per account to check, each said once. */
export function accountCheckLines(transfers: readonly AccountToCheck[]): string[] {
  const said = new Set<string>();
  for (const t of transfers) {
    if (t.accountNew)
      said.add(
        `${t.placeName} : compte enregistré le ${frenchDate(t.accountRecordedOn)}, à la place d’un précédent`,
      );
    if (t.accountSharedWith.length > 0)
      said.add(`${t.placeName} : même IBAN que ${t.accountSharedWith.join(', ')}`);
  }
  return [...said];
}

export function accountsToCheckMessage(lines: readonly string[]): string {
  return `Avant d’approuver, vérifiez ces comptes auprès des lieux (par un contact connu, pas celui du changement) : ${lines.join(' ; ')}. Confirmez ensuite les avoir vérifiés.`;
}
