import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from 'ibantools';
import type { FieldIssue } from './errors.js';

/** A bank account as typed (IBAN with or without spaces, BIC in any case). */
export interface BankAccountInput {
  iban: string;
  bic: string;
  holder: string;
}

/**
 * Checks a bank account with ibantools (the IBAN's check digits and its country's format, a
 * SEPA country, the BIC's format and that its country is the IBAN's) and returns it in
 * electronic format, or the French messages naming the fields at fault.
 */
export function checkBankAccount(input: BankAccountInput): {
  account: BankAccountInput;
  issues: FieldIssue[];
} {
  const iban = electronicFormatIBAN(input.iban) ?? '';
  const bic = input.bic.replace(/\s+/g, '').toUpperCase();
  const holder = input.holder.trim().replace(/\s+/g, ' ');
  const issues: FieldIssue[] = [];
  if (!iban) issues.push({ field: 'iban', message: "Indiquez l'IBAN du compte." });
  else if (!isValidIBAN(iban))
    issues.push({
      field: 'iban',
      message: "L'IBAN n'est pas valide : vérifiez-le sur le relevé d'identité bancaire (RIB).",
    });
  else if (!isSEPACountry(iban.slice(0, 2)))
    issues.push({ field: 'iban', message: "L'IBAN doit être celui d'un compte de la zone SEPA." });
  if (!bic) issues.push({ field: 'bic', message: 'Indiquez le BIC de la banque.' });
  else if (!isValidBIC(bic))
    issues.push({
      field: 'bic',
      message: "Le BIC n'est pas valide : 8 ou 11 caractères, lisibles sur le RIB.",
    });
  else if (iban && isValidIBAN(iban) && bic.slice(4, 6) !== iban.slice(0, 2))
    issues.push({ field: 'bic', message: "Le BIC n'est pas celui d'une banque du pays de l'IBAN." });
  if (holder.length < 2)
    issues.push({ field: 'holder', message: 'Indiquez le titulaire du compte, tel que sur le RIB.' });
  return { account: { iban, bic, holder }, issues };
}

/** An IBAN as shown to those who may not read it whole: its country and last four characters. */
export function maskIban(iban: string): string {
  return `${iban.slice(0, 4)} •••• •••• ${iban.slice(-4)}`;
}

export function maskBic(bic: string): string {
  return `${bic.slice(0, 4)}••••`;
}
