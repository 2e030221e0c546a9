import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyBps, assertCents, formatEuros, shareBps } from './money.js';

const NNBSP = '\u202F';
const NBSP = '\u00A0';

describe('formatEuros', () => {
  it('writes the Hauts-de-France budget the French way', () => {
    expect(formatEuros(76_390_000)).toBe(`763${NNBSP}900,00${NBSP}€`);
  });

  it('writes small, round and negative amounts', () => {
    expect(formatEuros(0)).toBe(`0,00${NBSP}€`);
    expect(formatEuros(5)).toBe(`0,05${NBSP}€`);
    expect(formatEuros(1000)).toBe(`10,00${NBSP}€`);
    expect(formatEuros(100_000_000)).toBe(`1${NNBSP}000${NNBSP}000,00${NBSP}€`);
    expect(formatEuros(-123_450)).toBe(`-1${NNBSP}234,50${NBSP}€`);
  });

  it('stays exact up to the largest safe integer', () => {
    expect(formatEuros(Number.MAX_SAFE_INTEGER)).toBe(
      `90${NNBSP}071${NNBSP}992${NNBSP}547${NNBSP}409,91${NBSP}€`,
    );
  });

  // Only where the runtime's ICU already follows current CLDR (older builds used U+00A0 everywhere).
  const intl = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
  it.runIf(intl.format(1000).includes(NNBSP))('agrees with Intl fr-FR on this runtime', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        expect(formatEuros(cents)).toBe(intl.format(cents / 100));
      }),
    );
  });

  it('refuses fractions of a cent', () => {
    expect(() => formatEuros(1.5)).toThrow(RangeError);
  });
});

describe('shareBps', () => {
  it('gives the FEDER share of the Hauts-de-France budget: 16.36 %', () => {
    expect(shareBps(12_500_000, 76_390_000)).toBe(1636);
  });

  it('rounds half up and is 0 for an empty whole', () => {
    expect(shareBps(1, 20_000)).toBe(1); // 0.5 bps → 1
    expect(shareBps(1, 20_001)).toBe(0);
    expect(shareBps(-1, 20_000)).toBe(-1); // ties away from zero
    expect(shareBps(5, 0)).toBe(0);
    expect(shareBps(3, 3)).toBe(10_000);
  });

  it('matches the exact rational share within half a basis point', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.integer({ min: 1, max: 1e9 }), (part, whole) => {
        const bps = shareBps(part, whole);
        const exact = (part * 10_000) / whole; // both small here: float is only the oracle
        expect(bps - exact).toBeLessThanOrEqual(0.5 + 1e-9);
        expect(exact - bps).toBeLessThan(0.5 + 1e-9);
      }),
    );
  });
});

describe('applyBps', () => {
  it('gives the State half of the Pas-de-Calais project', () => {
    expect(applyBps(55_000_000, 5000)).toBe(27_500_000);
  });

  it('rounds half up to whole cents', () => {
    expect(applyBps(1, 5000)).toBe(1); // 0.5 cent → 1
    expect(applyBps(1, 4999)).toBe(0);
    expect(applyBps(333, 3333)).toBe(111); // 110.9889
  });

  it('stays exact where floats would not', () => {
    expect(applyBps(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('assertCents', () => {
  it('accepts safe non-negative integers only', () => {
    expect(() => assertCents(0)).not.toThrow();
    expect(() => assertCents(76_390_000)).not.toThrow();
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '100', null]) {
      expect(() => assertCents(bad)).toThrow(RangeError);
    }
  });
});
