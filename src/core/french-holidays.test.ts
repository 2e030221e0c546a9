import { describe, expect, it } from 'vitest';
import { firstWorkingDay, frenchHolidays, isWorkingDay } from './french-holidays.js';

describe('French working days', () => {
  it('knows the moving holidays', () => {
    const h = frenchHolidays(2027);
    // Easter 2027 is 28 March: Easter Monday 29 March, Ascension 6 May, Whit Monday 17 May.
    expect(
      [...h].filter((d) => !/-(01-01|05-01|05-08|07-14|08-15|11-01|11-11|12-25)$/.test(d)).sort(),
    ).toEqual(['2027-03-29', '2027-05-06', '2027-05-17']);
  });

  it('finds the first working day of a month', () => {
    expect(firstWorkingDay('2027-01-15')).toBe('2027-01-04'); // 1 Jan holiday (Friday), then a weekend
    expect(firstWorkingDay('2026-12-31')).toBe('2026-12-01');
    expect(firstWorkingDay('2026-11-03')).toBe('2026-11-02'); // 1 Nov is a Sunday
    expect(firstWorkingDay('2027-11-20')).toBe('2027-11-02'); // 1 Nov, a Monday, is a holiday
    expect(isWorkingDay('2026-07-14')).toBe(false);
  });
});
