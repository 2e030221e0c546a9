import { describe, expect, it } from 'vitest';
import { placeClock } from '../../core/territory-time-zone.js';
import { openAt, opensNext, weekInFrench } from './hours.js';

const NBSP = '\u00a0';
// A Wednesday in Paris, in winter: the week of 2026-01-12.
const instant = new Date('2026-01-14T10:00:00Z');

/** On a phone the hours wrapped inside a time (« 10 h / 00 »): no-break spaces keep each whole. */
describe('weekInFrench', () => {
  it('joins the hour, « h » and the minutes with no-break spaces, and a range’s dash to its start', () => {
    const week = weekInFrench('Mo 09:00-12:00,14:00-18:30; Tu 10:00-24:00', instant)!;
    expect(week[0]).toEqual({
      day: 'lundi',
      hours: `9${NBSP}h${NBSP}00${NBSP}– 12${NBSP}h${NBSP}00, 14${NBSP}h${NBSP}00${NBSP}– 18${NBSP}h${NBSP}30`,
    });
    expect(week[1]!.hours).toBe(`10${NBSP}h${NBSP}00${NBSP}– 24${NBSP}h${NBSP}00`);
  });

  it('breaks a line only after a dash or a comma: each time stays whole', () => {
    const week = weekInFrench('Mo-Fr 09:00-12:00,14:00-17:00', instant)!;
    for (const { hours } of week.slice(0, 5)) {
      // Every ordinary space follows « – » or « , »; no time holds one.
      expect(hours.match(/(?<![–,]) /g)).toBeNull();
      for (const time of hours.split(/[–,] /)) expect(time.trim()).toMatch(/^\d{1,2}\u00a0h\u00a0\d{2}$/);
    }
  });

  it('keeps « 24 h » together for a place open all day, and says « Fermé » for a closed day', () => {
    const week = weekInFrench('24/7', instant)!;
    expect(week[2]).toEqual({ day: 'mercredi', hours: `24${NBSP}h sur 24` });
    expect(weekInFrench('Mo 09:00-12:00', instant)![6]).toEqual({ day: 'dimanche', hours: 'Fermé' });
  });

  it('has nothing to say without readable hours', () => {
    expect(weekInFrench(null, instant)).toBeNull();
    expect(weekInFrench('pas une syntaxe', instant)).toBeNull();
  });
});

/** « Fermé maintenant » alone left a person to work out from the week when to come. */
describe('opensNext', () => {
  it('names the day and the time of the next opening, the minutes only when there are some', () => {
    // Wednesday 11:00 in Paris.
    expect(opensNext('Mo 09:00-12:00', instant)).toBe(`lundi à 9${NBSP}h`);
    expect(opensNext('Mo-Sa 08:30-10:00', instant)).toBe(`demain à 8${NBSP}h${NBSP}30`);
    expect(opensNext('Mo-Fr 09:00-10:30,14:00-17:00', instant)).toBe(`aujourd’hui à 14${NBSP}h`);
    // Only on Wednesdays, already closed: next week's.
    expect(opensNext('We 08:00-10:00', instant)).toBe(`mercredi prochain à 8${NBSP}h`);
  });

  it('says nothing when open, without readable hours, or when no opening comes within a week', () => {
    expect(opensNext('Mo-Fr 09:00-17:00', instant)).toBeNull();
    expect(opensNext('24/7', instant)).toBeNull();
    expect(opensNext(null, instant)).toBeNull();
    expect(opensNext('pas une syntaxe', instant)).toBeNull();
    expect(opensNext('Jan 01 09:00-12:00', instant)).toBeNull();
  });
});

/**
 * An overseas place's hours are its own wall clock's: a tester saw a Guadeloupe place
 * (Mo-Fr 08:00-16:00) « Fermé maintenant » on a Monday at 14 h 33 in Pointe-à-Pitre, and a
 * Réunion one closed at 9 h and open at 17 h 30, their time: both were read on Paris's clock.
 */
describe('openAt, on the place’s clock', () => {
  const HOURS = 'Mo-Fr 08:00-16:00; PH off';
  const guadeloupe = placeClock('97120', '97110');
  const reunion = placeClock('97411', '97400');

  it('reads a Guadeloupe place at Pointe-à-Pitre’s time (UTC−4)', () => {
    // Monday 30 November 2026, 14 h 33 in Pointe-à-Pitre (19 h 33 in Paris).
    expect(openAt(HOURS, new Date('2026-11-30T18:33:00Z'), guadeloupe)).toBe(true);
    // 7 h 30 there (12 h 30 in Paris): not yet.
    expect(openAt(HOURS, new Date('2026-11-30T11:30:00Z'), guadeloupe)).toBe(false);
    // Paris's clock, as before, said the opposite.
    expect(openAt(HOURS, new Date('2026-11-30T18:33:00Z'))).toBe(false);
  });

  it('reads a Réunion place at Saint-Denis’s time (UTC+4)', () => {
    // Monday 30 November 2026, 9 h in Saint-Denis (6 h in Paris): open.
    expect(openAt(HOURS, new Date('2026-11-30T05:00:00Z'), reunion)).toBe(true);
    // 17 h 30 in Saint-Denis (14 h 30 in Paris): closed.
    expect(openAt(HOURS, new Date('2026-11-30T13:30:00Z'), reunion)).toBe(false);
  });

  it('closes on the territory’s own public holidays (abolition de l’esclavage), not on others’', () => {
    // 10 h local on a weekday, each territory's day; the mainland works that day.
    const cases: [string, string, string][] = [
      ['97411', '2027-12-20T06:00:00Z', 'Indian/Reunion'], // Monday 20 December 2027
      ['97120', '2026-05-27T14:00:00Z', 'America/Guadeloupe'], // Wednesday 27 May 2026
      ['97209', '2026-05-22T14:00:00Z', 'America/Martinique'], // Friday 22 May 2026
      ['97302', '2026-06-10T13:00:00Z', 'America/Cayenne'], // Wednesday 10 June 2026
      ['97611', '2026-04-27T07:00:00Z', 'Indian/Mayotte'], // Monday 27 April 2026
    ];
    for (const [commune, instant, timeZone] of cases) {
      const clock = placeClock(commune);
      expect(clock.timeZone).toBe(timeZone);
      expect(openAt(HOURS, new Date(instant), clock), commune).toBe(false);
      // The same hour a week later: open.
      const weekLater = new Date(+new Date(instant) + 7 * 86_400_000);
      expect(openAt(HOURS, weekLater, clock), commune).toBe(true);
      // A mainland place on that day, at 10 h Paris: open.
      expect(openAt(HOURS, new Date(`${instant.slice(0, 10)}T09:00:00Z`)), commune).toBe(true);
    }
  });

  it('gives an overseas place’s week on its clock', () => {
    // Sunday 6 December 2026, 22 h in Paris, is Monday 7 December, 1 h, in Saint-Denis: a new week.
    const late = new Date('2026-12-06T21:00:00Z');
    expect(weekInFrench('Mo 08:00-16:00; PH off', late, reunion)![0]!.hours).toBe(
      `8${NBSP}h${NBSP}00${NBSP}– 16${NBSP}h${NBSP}00`,
    );
    // Réunion’s 20 December (a Monday in 2027) is a holiday there, not in Paris.
    const holidayWeek = new Date('2027-12-21T08:00:00Z');
    expect(weekInFrench(HOURS, holidayWeek, reunion)![0]).toEqual({ day: 'lundi', hours: 'Fermé' });
    expect(weekInFrench(HOURS, holidayWeek)![0]!.hours).not.toBe('Fermé');
  });
});
