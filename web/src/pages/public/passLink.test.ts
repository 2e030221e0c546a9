import { describe, expect, it } from 'vitest';
import { checkSymbol } from '../../../../src/core/pass-code';
import { malformedLink, programmeEnd } from './passLink';

describe('the pass’s QR page', () => {
  it('words the last day as the programme’s, never as a promise about this pass', () => {
    const text = programmeEnd('2027-12-31', '2026-03-01')!;
    expect(text).toBe(
      'Dernier jour d’utilisation des pass de ce dispositif : le 31 décembre 2027. D’ici là, chaque pass sert une seule fois, et seulement si son carnet n’a pas été bloqué.',
    );
    expect(text).not.toMatch(/s’utilisent jusqu/);
  });

  it('says the passes no longer serve once the programme is over, and nothing without a last day', () => {
    expect(programmeEnd('2025-12-31', '2026-01-01')).toBe(
      'Dernier jour d’utilisation des pass de ce dispositif : le 31 décembre 2025. Ses pass ne peuvent plus servir.',
    );
    expect(programmeEnd(null, '2026-01-01')).toBeNull();
  });

  it('tells a misread character, a code cut short and something else than a code apart', () => {
    const code = `U5439NFVWQ2RJ${checkSymbol('U5439NFVWQ2RJ')}`;
    const typo = `${code.slice(0, 13)}${code[13] === '2' ? '3' : '2'}`;
    expect(malformedLink(typo, 'bad_check')).toBe(
      'Le code de ce lien comporte une erreur : présentez le pass imprimé.',
    );
    expect(malformedLink(code.slice(0, 9), 'bad_length')).toBe(
      'Le code de ce lien est incomplet : présentez le pass imprimé.',
    );
    expect(malformedLink('A'.repeat(3000), 'bad_length')).toBe(
      'Ce lien ne contient pas un code de pass valide : présentez le pass imprimé.',
    );
  });
});
