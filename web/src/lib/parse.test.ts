import { describe, expect, it } from 'vitest';
import {
  formatBpsInput,
  formatCentsInput,
  formatEurosInput,
  parseEurosToCents,
  parsePercentToBps,
} from './parse';

/** Issue 11, point 7: money typed the French way, in every money field (ui/form/MoneyField). */
describe('parseEurosToCents', () => {
  it.each([
    ['1 234,50', 123450],
    ['1234.5', 123450],
    ['1 234 €', 123400],
    ['1\u00a0234,50\u00a0€', 123450],
    ['1\u202f234,5', 123450],
    ['10', 1000],
    ['0,05', 5],
    [' 244 450,00 ', 24445000],
    // Points between thousands, a comma before the cents: as a bank statement writes it.
    ['12.500,50', 1250050],
    ['1.234.567,00', 123456700],
  ])('reads « %s » as %i cents', (typed, cents) => {
    expect(parseEurosToCents(typed)).toEqual({ ok: true, value: cents });
  });

  it('refuses a negative amount by its sign', () => {
    for (const typed of ['-50', '−12,50', '- 5'])
      expect(parseEurosToCents(typed)).toEqual({
        ok: false,
        error: 'Saisissez un montant positif, sans signe moins.',
      });
  });

  it.each(['abc', '12,345', '12.500.5,00', '1.2345,00', '1 234,50 $', '10,5,5', '€', '1e3'])(
    'refuses « %s » in French',
    (typed) => {
      const r = parseEurosToCents(typed);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^Saisissez un montant en euros/);
      // 0 is refused where it is by the form, not here: no « positif ou nul » promised.
      if (!r.ok) expect(r.error).not.toContain('nul');
    },
  );

  it('writes a typed amount back the French way', () => {
    expect(formatEurosInput('1234.5')).toBe('1 234,50');
    expect(formatEurosInput('abc')).toBe('abc');
  });
});

describe('formatCentsInput and formatBpsInput', () => {
  it('write a stored figure back as a person types it, and read it again unchanged', () => {
    expect(formatCentsInput(12_345_000)).toBe('123 450,00');
    expect(formatCentsInput(5)).toBe('0,05');
    expect(formatBpsInput(2000)).toBe('20');
    expect(formatBpsInput(1250)).toBe('12,5');
    expect(formatBpsInput(1205)).toBe('12,05');
    expect(formatBpsInput(0)).toBe('0');
    for (const bps of [0, 1, 99, 1250, 3333, 10_000])
      expect(parsePercentToBps(formatBpsInput(bps))).toEqual({ ok: true, value: bps });
    for (const c of [0, 7, 100, 123_456_789])
      expect(parseEurosToCents(formatCentsInput(c))).toEqual({ ok: true, value: c });
  });
});
