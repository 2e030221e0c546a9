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
