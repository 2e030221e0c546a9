import { describe, expect, it } from 'vitest';
import { earlierDay, sessionDayProblem } from './sessionDay';

/** A Backspace in the date field reset it to today, and typing on gave the year 0011. */
describe('sessionDayProblem', () => {
  const today = '2026-11-25';

  it('takes today and an earlier day', () => {
    expect(sessionDayProblem(today, today)).toBeUndefined();
    expect(sessionDayProblem('2026-11-20', today)).toBeUndefined();
  });

  it('says a date with an empty part is incomplete, naming the field', () => {
    expect(sessionDayProblem('', today)).toMatch(/^La date de la séance est incomplète/);
  });

  it('refuses a year typed short, as the field gives it while the year is typed', () => {
    for (const day of ['0011-11-25', '0002-11-25', '0202-11-25'])
      expect(sessionDayProblem(day, today)).toMatch(/^La date de la séance n’est pas valide/);
  });

  it('refuses a day that does not exist and a day after today', () => {
    expect(sessionDayProblem('2026-02-30', today)).toMatch(/n’est pas valide/);
    expect(sessionDayProblem('2026-11-26', today)).toBe(
      'La date de la séance ne peut pas être après aujourd’hui.',
    );
  });
});

describe('earlierDay', () => {
  const today = '2026-11-25';

  it('names an earlier day the desk will check the pass on', () => {
    expect(earlierDay('2026-11-20', today)).toBe('2026-11-20');
    expect(earlierDay(today, today)).toBeNull();
  });

  it('never calls a date the desk refuses a past session’s day', () => {
    // A scan typed into the date field gave 26/03/1764: « Séance d’un jour passé : le 26 mars 1764. »
    for (const day of ['1764-03-26', '0011-11-25', '', '2026-02-30'])
      expect(earlierDay(day, today)).toBeNull();
  });
});
