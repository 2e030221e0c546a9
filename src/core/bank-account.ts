import {
  electronicFormatIBAN,
  extractIBAN,
  friendlyFormatIBAN,
  isSEPACountry,
  isValidBIC,
  isValidIBAN,
  ValidationErrorsIBAN,
  validateIBAN,
} from 'ibantools';
import type { FieldIssue } from './errors.js';
import { oneLine } from './french.js';

/**
 * A bank account to pay or be paid by SEPA credit transfer: IBAN, BIC and holder, checked
 * with ibantools and stored in electronic form (no spaces, upper case). Shared by funders'
 * accounts (issue 11, point 1) and places' accounts (point 4). Pure: no I/O.
 */
export interface BankAccount {
  iban: string;
  bic: string;
  holder: string;
}

export const HOLDER_MAX = 70; // what a SEPA transfer's name field carries

/*
 * The overseas départements and collectivities bank with FR IBANs, but their banks' BICs carry
 * their own ISO country: a Réunion bank is …RE…, Guadeloupe …GP…, Mayotte …YT….
 */
const FRENCH_BIC_COUNTRIES = ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF', 'NC', 'PF', 'WF', 'TF'];

/** The countries a BIC may carry for an IBAN of `ibanCountry`. */
function bicCountries(ibanCountry: string): string[] {
  return ibanCountry === 'FR' ? FRENCH_BIC_COUNTRIES : [ibanCountry];
}

/**
 * The account normalised, or the French issues naming each bad field under `prefix` (a form
 * whose fields are the account's own passes '').
 */
export function checkBankAccount(
  input: BankAccount,
  prefix = 'bankAccount',
): { ok: true; value: BankAccount } | { ok: false; issues: FieldIssue[] } {
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const issues: FieldIssue[] = [];
  const iban = electronicFormatIBAN(input.iban) ?? '';
  const ibanProblem = ibanIssue(iban);
  if (ibanProblem) issues.push({ field: field('iban'), message: ibanProblem });
  const bic = input.bic.replace(/\s+/g, '').toUpperCase();
  if (!isValidBIC(bic))
    issues.push({
      field: field('bic'),
      message: 'BIC invalide : 8 ou 11 caractères, par exemple AGRIFRPP ou AGRIFRPP882.',
    });
  // A bank's BIC carries its country (characters 5-6): it must be the IBAN's.
  else if (!ibanProblem && !bicCountries(iban.slice(0, 2)).includes(bic.slice(4, 6)))
    issues.push({
      field: field('bic'),
      message: "BIC invalide : ce n'est pas celui d'une banque du pays de l'IBAN.",
    });
  const holder = oneLine(input.holder);
  if (holder.length < 2)
    issues.push({
      field: field('holder'),
      // One letter typed is no name: said as such, not as if nothing had been typed.
      message: holder
        ? 'Indiquez le nom du titulaire du compte en entier, tel que la banque l’écrit.'
        : 'Indiquez le nom du titulaire du compte.',
    });
  else if (holder.length > HOLDER_MAX)
    issues.push({
      field: field('holder'),
      message: `Le nom du titulaire compte au plus ${HOLDER_MAX} caractères (limite des virements SEPA).`,
    });
  return issues.length ? { ok: false, issues } : { ok: true, value: { iban, bic, holder } };
}

function ibanIssue(iban: string): string | undefined {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{8,30}$/.test(iban))
    return 'IBAN invalide : il commence par deux lettres (le pays) et deux chiffres, par exemple FR76 3000 6000 0112 3456 7890 189.';
  if (!isSEPACountry(iban.slice(0, 2)))
    return 'IBAN invalide : le compte doit être tenu dans un pays de la zone SEPA.';
  if (isValidIBAN(iban)) return undefined;
  const { errorCodes } = validateIBAN(iban);
  if (
    errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength) ||
    errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat)
  )
    return `IBAN invalide : un IBAN de ce pays ne compte pas ${iban.length} caractères ou n’a pas cette forme.`;
  return 'IBAN invalide : vérifiez la clé de contrôle, un chiffre a pu être mal recopié.';
}

/** The IBAN in groups of four, only its country and last four characters shown. */
export function maskIban(iban: string): string {
  const masked = iban.slice(0, 2) + iban.slice(2, -4).replace(/./g, '•') + iban.slice(-4);
  return friendlyFormatIBAN(masked) ?? masked;
}

/** The IBAN in groups of four, as people read it. */
export function formatIban(iban: string): string {
  return extractIBAN(iban).valid ? (friendlyFormatIBAN(iban) ?? iban) : iban;
}

/** A BIC as shown to those who may not read the account whole: its bank's code only. */
export function maskBic(bic: string): string {
  return `${bic.slice(0, 4)}••••`;
}
