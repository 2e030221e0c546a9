import { describe, expect, it } from 'vitest';
import { opensNext, weekInFrench } from './hours.js';

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
