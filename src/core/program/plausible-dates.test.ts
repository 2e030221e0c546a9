import { describe, expect, it } from 'vitest';
import {
  deliberationDates,
  implausibleDates,
  latestProgramDate,
  programDates,
  yearsAfter,
} from './plausible-dates.js';

const today = '2026-12-03';
const date = (value: unknown, field = 'calendar.usageEnd', label = "la date de fin d'utilisation") => ({
  field,
  label,
  value,
});

describe('the window of plausible dates', () => {
  it('reaches ten years from today, the 29th of February falling back on the 28th', () => {
    expect(latestProgramDate(today)).toBe('2036-12-03');
    expect(yearsAfter('2028-02-29', 10)).toBe('2038-02-28');
    expect(yearsAfter('2028-02-29', 4)).toBe('2032-02-29');
  });

  it('refuses a mistyped year, naming the field and the window in French', () => {
    expect(
      implausibleDates([date('2207-12-31'), date('1850-01-01', 'effectiveOn', "la date d'effet")], today),
    ).toEqual([
      {
        field: 'calendar.usageEnd',
        message:
          "La date de fin d'utilisation (31 décembre 2207) n'est pas plausible : indiquez une date entre le 1er janvier 2000 et le 3 décembre 2036.",
      },
      {
        field: 'effectiveOn',
        message:
          "La date d'effet (1er janvier 1850) n'est pas plausible : indiquez une date entre le 1er janvier 2000 et le 3 décembre 2036.",
      },
    ]);
  });

  it('accepts both ends of the window, not a day beyond either', () => {
    expect(implausibleDates([date('2000-01-01'), date('2036-12-03')], today)).toEqual([]);
    expect(implausibleDates([date('1999-12-31')], today)).toHaveLength(1);
    expect(implausibleDates([date('2036-12-04')], today)).toHaveLength(1);
  });

  it('takes another latest date (a funding: today)', () => {
    expect(
      implausibleDates([date('1850-01-01', 'receivedOn', 'la date de réception')], today, today),
    ).toEqual([
      {
        field: 'receivedOn',
        message:
          "La date de réception (1er janvier 1850) n'est pas plausible : indiquez une date entre le 1er janvier 2000 et le 3 décembre 2026.",
      },
    ]);
  });

  it('leaves absent and malformed dates to the other rules', () => {
    expect(implausibleDates([date(undefined), date(null), date('2207-02-30'), date(42)], today)).toEqual([]);
  });
});

describe('the dates a request names', () => {
  it('lists a programme’s calendar and reporting deadlines under their fields', () => {
    const dates = programDates(
      {
        calendar: { distributionStart: '2026-01-01', usageEnd: '2207-12-31', closure: null },
        reportingDeadlines: [{ label: 'Bilan', dueOn: '2207-01-31' }],
      },
      'state.',
    );
    expect(dates.map((d) => [d.field, d.value])).toEqual([
      ['state.calendar.distributionStart', '2026-01-01'],
      ['state.calendar.usageEnd', '2207-12-31'],
      ['state.calendar.closure', null],
      ['state.reportingDeadlines.0.dueOn', '2207-01-31'],
    ]);
    expect(implausibleDates(dates, today).map((i) => i.message)).toEqual([
      expect.stringMatching(/^La date de fin d'utilisation \(31 décembre 2207\)/),
      expect.stringMatching(/^La date de l'échéance de rapport n° 1 \(31 janvier 2207\)/),
    ]);
    expect(programDates({ name: 'Sans dates' }, 'changes.')).toEqual([]);
  });

  it('lists a deliberation’s dates of effect and of decision', () => {
    expect(
      deliberationDates({ effectiveOn: '2026-01-01', legal: { decidedOn: '1850-01-01' } }).map(
        (d) => d.field,
      ),
    ).toEqual(['effectiveOn', 'legal.decidedOn']);
  });
});
