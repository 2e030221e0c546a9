import { describe, expect, it } from 'vitest';
import {
  firstWorkingDay,
  frenchHolidays,
  isBankBusinessDay,
  isWorkingDay,
  nextBankBusinessDay,
} from './french-holidays.js';

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

describe('bank business days (SEPA transfers executed by a French bank)', () => {
  it('closes on weekends, TARGET2 closing days and French public holidays', () => {
    expect(isBankBusinessDay('2026-06-09')).toBe(true); // a Tuesday
    expect(isBankBusinessDay('2027-05-01')).toBe(false); // a Saturday, and 1 May
    expect(isBankBusinessDay('2027-05-02')).toBe(false); // a Sunday
    // TARGET2 closes, though these are not French public holidays: Good Friday, 26 December.
    expect(isWorkingDay('2027-03-26')).toBe(true);
    expect(isBankBusinessDay('2027-03-26')).toBe(false);
    expect(isWorkingDay('2028-12-26')).toBe(true);
    expect(isBankBusinessDay('2028-12-26')).toBe(false);
    // TARGET2 opens, but French banks do not execute on French public holidays.
    for (const day of ['2027-05-06', '2026-07-14', '2026-11-11', '2026-05-08', '2026-05-25']) {
      expect(isBankBusinessDay(day), day).toBe(false);
    }
  });

  it('finds the next one after a day, never the day itself', () => {
    const cases: [string, string][] = [
      ['2026-06-09', '2026-06-10'], // Tuesday → Wednesday
      ['2027-04-30', '2027-05-03'], // Friday → Monday (1 May is the Saturday)
      ['2027-03-25', '2027-03-30'], // Good Friday 26 March, weekend, Easter Monday 29 March
      ['2026-04-02', '2026-04-07'], // Good Friday 3 April, weekend, Easter Monday 6 April
      ['2026-12-24', '2026-12-28'], // Christmas on Friday, then the weekend
      ['2025-12-24', '2025-12-29'], // Christmas on Thursday, 26 December (TARGET2) on Friday
      ['2028-12-22', '2028-12-27'], // weekend, Christmas Monday, 26 December Tuesday
      ['2026-12-31', '2027-01-04'], // across the year: 1 January on Friday, then the weekend
      ['2027-05-05', '2027-05-07'], // Ascension Thursday (French holiday, TARGET2 open)
      ['2026-05-07', '2026-05-11'], // 8 May on Friday
      ['2026-07-13', '2026-07-15'], // 14 July
      ['2027-05-01', '2027-05-03'], // from a Saturday
    ];
    for (const [day, next] of cases) expect(nextBankBusinessDay(day), day).toBe(next);
  });
});
