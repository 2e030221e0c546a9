import { describe, expect, it } from 'vitest';
import { checkBankAccount } from './bank-account.js';

const account = { iban: 'FR76 3000 4000 0312 3456 7890 143', bic: 'BNPAFRPP', holder: 'Médiathèque' };

describe('a bank account as typed', () => {
  it('tells a holder left empty from a holder of one letter', () => {
    const issue = (holder: string) => {
      const r = checkBankAccount({ ...account, holder }, '');
      return r.ok ? null : r.issues.find((i) => i.field === 'holder')?.message;
    };
    expect(issue('  ')).toBe('Indiquez le nom du titulaire du compte.');
    expect(issue('X')).toBe('Indiquez le nom du titulaire du compte en entier, tel que la banque l’écrit.');
    expect(issue('Médiathèque Louis Aragon')).toBeNull();
  });
});

describe('the BIC and the IBAN’s country', () => {
  const bicIssue = (iban: string, bic: string) => {
    const r = checkBankAccount({ ...account, iban, bic }, '');
    return r.ok ? null : (r.issues.find((i) => i.field === 'bic')?.message ?? null);
  };

  it('takes an overseas French bank’s BIC with its FR IBAN: La Réunion, the Antilles, Mayotte', () => {
    // Banks of the overseas départements keep FR IBANs but their BICs carry RE, GP, MQ, GF, YT.
    const reunion = 'FR76 1990 6974 0012 3456 7890 122';
    for (const bic of ['AGRIRERX', 'BFCORERXXXX', 'BREDGPGXXXX', 'BFCOYTYTXXX', 'CMCIMQMQ', 'BFCOGFGF'])
      expect(bicIssue(reunion, bic), bic).toBeNull();
  });

  it('still refuses a BIC of another country than the IBAN’s', () => {
    expect(bicIssue(account.iban, 'DEUTDEFF')).toBe(
      "BIC invalide : ce n'est pas celui d'une banque du pays de l'IBAN.",
    );
    expect(bicIssue('BE71 0961 2345 6769', 'AGRIRERX')).toBe(
      "BIC invalide : ce n'est pas celui d'une banque du pays de l'IBAN.",
    );
  });
});
