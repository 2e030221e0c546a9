import { describe, expect, it } from 'vitest';
import { remittanceFor } from '../../../core/sepa/remittance.js';
import { statementPaid } from './statement-paid.js';

/*
 * The payment e-mail said « Le virement porte ce numéro de relevé dans son libellé » whatever the
 * transfer paid: nine statements, or a label cut short (« + 6 autres »). It now says what the
 * bank's label carries.
 */
const ctx = { publicUrl: 'https://pass.example.gouv.fr' };
const numbers = (n: number) => Array.from({ length: n }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`);
const paid = (statementNumbers: string[], remittance?: string) =>
  statementPaid(
    {
      placeName: 'Médiathèque de Verdun',
      funderName: 'Département de la Meuse',
      statementNumbers,
      amountCents: 48_000,
      paidOn: '2026-11-28',
      ...(remittance ? { remittance } : {}),
    },
    ctx,
  ).text;

describe('the payment e-mail', () => {
  it('names the one statement its label carries', () => {
    const text = paid(numbers(1), remittanceFor(numbers(1), 'Département de la Meuse'));
    expect(text).toContain('Le libellé du virement porte ce numéro de relevé.');
  });

  it('speaks of several numbers when it pays several, all in the label', () => {
    const text = paid(numbers(3), remittanceFor(numbers(3), 'Département de la Meuse'));
    expect(text).toContain('Le libellé du virement porte ces numéros de relevé.');
    expect(text).not.toContain('ce numéro de relevé');
  });

  it('says the label was cut, and where the whole list is, when the numbers did not fit', () => {
    const remittance = remittanceFor(numbers(12), 'Département de la Meuse');
    expect(remittance).toMatch(/\+ \d+ autres/);
    const text = paid(numbers(12), remittance);
    expect(text).toContain(
      `Le libellé du virement (« ${remittance} ») ne cite qu’une partie de ces numéros : la liste complète est sur la page de vos relevés.`,
    );
    expect(text).toContain('https://pass.example.gouv.fr/lieu/releves');
  });
});
