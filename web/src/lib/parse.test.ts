import { describe, expect, it } from 'vitest';
import { formatEurosInput, parseEurosToCents } from './parse';

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
  ])('reads « %s » as %i cents', (typed, cents) => {
    expect(parseEurosToCents(typed)).toEqual({ ok: true, value: cents });
  });

  it.each(['abc', '12,345', '-5', '1 234,50 $', '10,5,5', '€', '1e3'])(
    'refuses « %s » in French',
    (typed) => {
      const r = parseEurosToCents(typed);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^Saisissez un montant en euros/);
    },
  );

  it('writes a typed amount back the French way', () => {
    expect(formatEurosInput('1234.5')).toBe('1 234,50');
    expect(formatEurosInput('abc')).toBe('abc');
  });
});
