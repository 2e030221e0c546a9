import { describe, expect, it } from 'vitest';
import {
  addMonths,
  businessDate,
  frenchDate,
  frenchMoment,
  frenchShortDate,
  isIsoDate,
  parisStartOf,
} from './dates.js';

describe('businessDate', () => {
  it('turns at midnight in Paris, winter and summer, asked one after the other', () => {
    // Winter: Paris is UTC+1; summer: UTC+2. Each pair is one minute apart across midnight.
    expect(businessDate(new Date('2026-12-31T22:59:59.999Z'))).toBe('2026-12-31');
    expect(businessDate(new Date('2026-12-31T23:00:00.000Z'))).toBe('2027-01-01');
    expect(businessDate(new Date('2026-07-14T21:59:30.000Z'))).toBe('2026-07-14');
    expect(businessDate(new Date('2026-07-14T22:00:00.000Z'))).toBe('2026-07-15');
    // Back to an earlier instant: the answer is that instant's day, not the last one asked.
    expect(businessDate(new Date('2026-07-14T21:59:59.000Z'))).toBe('2026-07-14');
  });

  it('follows the clock change nights', () => {
    // 29 March 2026: 02:00 becomes 03:00 in Paris; 25 October 2026: 03:00 becomes 02:00.
    expect(businessDate(new Date('2026-03-28T22:59:00.000Z'))).toBe('2026-03-28');
    expect(businessDate(new Date('2026-03-28T23:00:00.000Z'))).toBe('2026-03-29');
    expect(businessDate(new Date('2026-10-24T21:59:00.000Z'))).toBe('2026-10-24');
    expect(businessDate(new Date('2026-10-24T22:00:00.000Z'))).toBe('2026-10-25');
  });
});

describe('parisStartOf', () => {
  it('is the midnight of the day in Paris, winter, summer and the clock change days', () => {
    expect(parisStartOf('2027-01-01').toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(parisStartOf('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(parisStartOf('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(parisStartOf('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(parisStartOf('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(parisStartOf('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-01-01')).toBe(false);
  });

  // Date.UTC reads the years 0 to 99 as 1900 to 1999: « 0050-01-01 » was said not to exist.
  it('knows the years before 100, and that there is no year 0', () => {
    expect(isIsoDate('0001-01-01')).toBe(true);
    expect(isIsoDate('0050-02-28')).toBe(true);
    expect(isIsoDate('0004-02-29')).toBe(true);
    expect(isIsoDate('0100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('0000-01-01')).toBe(false);
  });
});

describe('dates in French messages (issue 11, point 7)', () => {
  it('writes a business date the French way, long or short', () => {
    expect(frenchDate('2026-12-01')).toBe('1er décembre 2026');
    expect(frenchDate('2025-01-02')).toBe('2 janvier 2025');
    expect(frenchDate('2024-08-31')).toBe('31 août 2024');
    expect(frenchShortDate('2026-12-01')).toBe('01/12/2026');
  });

  it('writes an instant in Paris time as « 18 h 32 », like the places’ opening hours', () => {
    // 17:32 UTC is 18:32 in Paris in winter; 07:05 UTC is 9:05 in summer (no leading zero).
    expect(frenchMoment(new Date('2026-12-01T17:32:00Z'))).toBe('1er décembre 2026 à 18\u00a0h\u00a032');
    expect(frenchMoment(new Date('2026-07-14T07:05:00Z'))).toBe('14 juillet 2026 à 9\u00a0h\u00a005');
    // Just before midnight UTC is already the next day in Paris.
    expect(frenchMoment(new Date('2026-12-31T23:30:00Z'))).toBe('1er janvier 2027 à 0\u00a0h\u00a030');
  });

  it('leaves what is not a date as it was, rather than inventing one', () => {
    expect(frenchDate('2023-02-30')).toBe('2023-02-30');
    expect(frenchShortDate('bientôt')).toBe('bientôt');
  });
});

describe('addMonths (the retention of beneficiaries’ data)', () => {
  it('keeps the day, or takes the month’s last when it has none', () => {
    expect(addMonths('2026-03-15', 24)).toBe('2028-03-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 2)).toBe('2027-01-30');
    expect(addMonths('2026-12-31', 12)).toBe('2027-12-31');
    expect(addMonths('0050-01-31', 1)).toBe('0050-02-28');
  });
});
