import { describe, expect, it } from 'vitest';
import type { CofunderShare } from '../../core/cofunding.js';
import { balanceSentence as said } from './call-for-funds.js';

/** The sentence with its no-break spaces (« 1 110,00 € ») read as spaces. */
const balanceSentence = (...args: Parameters<typeof said>) => said(...args).replace(/[\u00a0\u202f]/g, ' ');

const share = (balanceCents: number): CofunderShare => ({
  name: 'État (ANCT)',
  basis: 'used',
  usedShareBps: 5_000,
  budgetCents: 2_500_000,
  usedCents: 78_000,
  owedCents: 39_000,
  capped: false,
  receivedCents: 39_000 - balanceCents,
  balanceCents,
});

describe('what a call for funds asks or gives back', () => {
  it('calls the balance due', () => {
    expect(balanceSentence(share(12_000), '2026-12-06', '2027-06-30')).toBe(
      'Nous vous remercions de bien vouloir verser 120,00 € au titre de votre participation.',
    );
  });

  it('says an excess is provisional while passes may still be used, and due back once they may not', () => {
    const running = balanceSentence(share(-111_000), '2026-12-06', '2027-06-30');
    expect(running).toContain('À ce jour, vos versements dépassent votre part de 1 110,00 €');
    expect(running).toContain('jusqu’au 30 juin 2027, ce montant est provisoire');
    expect(running).not.toContain('cette somme vous revient,');
    const ended = balanceSentence(share(-111_000), '2027-07-01', '2027-06-30');
    expect(ended).toBe(
      "Vos versements dépassent votre part de 1 110,00 € : aucun versement n'est appelé, et cette somme vous revient, reversée ou déduite d’un prochain appel selon les termes de votre convention.",
    );
    // The last day of use is still a day passes may be used.
    expect(balanceSentence(share(-100), '2027-06-30', '2027-06-30')).toContain('provisoire');
  });
});
