import { describe, expect, it } from 'vitest';
import { copyFrom, emptyWeek, osmToWeek, type Week, weekProblems, weekToOsm } from './opening-hours.js';

const officeWeek = (): Week => {
  const week = emptyWeek();
  for (const d of ['Mo', 'Tu', 'We', 'Th', 'Fr'] as const)
    week[d] = [
      { from: '09:00', to: '12:00' },
      { from: '14:00', to: '17:30' },
    ];
  week.Sa = [{ from: '10:00', to: '12:00' }];
  return week;
};

describe('opening hours, from the form to OpenStreetMap syntax and back', () => {
  it('groups consecutive days with the same hours and leaves closed days out', () => {
    expect(weekToOsm(officeWeek())).toBe('Mo-Fr 09:00-12:00,14:00-17:30; Sa 10:00-12:00');
    const week = emptyWeek();
    week.Mo = [{ from: '09:00', to: '12:00' }];
    week.Tu = [{ from: '09:00', to: '12:00' }];
    week.Th = [{ from: '09:00', to: '12:00' }];
    expect(weekToOsm(week)).toBe('Mo,Tu 09:00-12:00; Th 09:00-12:00');
  });

  it('gives nothing for a week closed every day', () => {
    expect(weekToOsm(emptyWeek())).toBeNull();
  });

  it('reads back what it writes', () => {
    const week = officeWeek();
    expect(osmToWeek(weekToOsm(week))).toEqual(week);
    expect(osmToWeek(null)).toEqual(emptyWeek());
  });

  it('reads the simple values places publish, and gives up on richer ones', () => {
    expect(osmToWeek('Mo,We 14:00-18:00; Sa off')?.We).toEqual([{ from: '14:00', to: '18:00' }]);
    expect(osmToWeek('24/7')).toBeNull();
    expect(osmToWeek('Mo-Fr 09:00-12:00; PH off')).toBeNull();
    expect(osmToWeek('Jan-Mar Mo 10:00-12:00')).toBeNull();
  });

  it('names the day whose hours are wrong', () => {
    const week = emptyWeek();
    week.Tu = [{ from: '14:00', to: '09:00' }];
    week.Fr = [
      { from: '09:00', to: '13:00' },
      { from: '12:00', to: '17:00' },
    ];
    week.Sa = [{ from: '9h', to: '12:00' }];
    expect(weekProblems(week).map((p) => p.message)).toEqual([
      'Mardi : l’heure de fin doit suivre l’heure de début.',
      'Vendredi : la seconde plage doit commencer après la première.',
      'Samedi : indiquez les heures au format 09:30.',
    ]);
  });
});

describe('the day whose hours a day may copy', () => {
  it('is Monday, or the nearest open day before when Monday is closed', () => {
    const open = osmToWeek('Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00')!;
    expect(copyFrom(open, 'Sa')).toBe('Mo');
    expect(copyFrom(open, 'Mo')).toBeUndefined();
    // The médiathèque, closed on Mondays: « Samedi : comme le lundi » wiped Saturday's hours.
    const closedMonday = osmToWeek('Tu-Fr 10:00-18:00; Sa 10:00-12:00')!;
    expect(copyFrom(closedMonday, 'Sa')).toBe('Fr');
    expect(copyFrom(closedMonday, 'Tu')).toBeUndefined();
    expect(copyFrom(emptyWeek(), 'Su')).toBeUndefined();
  });
});
