import { describe, expect, it } from 'vitest';
import { placeClock } from './territory-time-zone.js';

/** An overseas place's hours are read on its own clock: which one, by commune or postcode. */
describe('placeClock', () => {
  it.each([
    ['Guadeloupe', '97120', '97110', 'America/Guadeloupe', 'Guadeloupe'],
    ['Martinique', '97209', '97200', 'America/Martinique', 'Martinique'],
    ['Guyane', '97302', '97300', 'America/Cayenne', 'Guyane'],
    ['La Réunion', '97411', '97400', 'Indian/Reunion', 'La Réunion'],
    ['Saint-Pierre-et-Miquelon', '97502', '97500', 'America/Miquelon', 'Saint-Pierre-et-Miquelon'],
    ['Mayotte', '97611', '97600', 'Indian/Mayotte', 'Mayotte'],
    ['Saint-Barthélemy', '97701', '97133', 'America/St_Barthelemy', 'Saint-Barthélemy'],
    ['Saint-Martin', '97801', '97150', 'America/Marigot', 'Saint-Martin'],
  ])('%s: by its commune, else its postcode', (_, commune, postcode, timeZone, holidays) => {
    expect(placeClock(commune, postcode)).toMatchObject({ timeZone, holidays });
    expect(placeClock(null, postcode)).toMatchObject({ timeZone, holidays });
    // The zone is one the runtime knows (a typo would throw here, not at a visitor).
    expect(() => new Intl.DateTimeFormat('fr', { timeZone })).not.toThrow();
  });

  it('reads the mainland and Corsica on Paris’s clock, Alsace-Moselle with its own holidays', () => {
    expect(placeClock('80021', '80000')).toMatchObject({ timeZone: 'Europe/Paris', holidays: '' });
    expect(placeClock('2A004', '20000')).toMatchObject({ timeZone: 'Europe/Paris', holidays: '' });
    expect(placeClock('75056')).toMatchObject({ timeZone: 'Europe/Paris', holidays: '' });
    expect(placeClock('57463', '57000')).toMatchObject({ timeZone: 'Europe/Paris', holidays: 'Moselle' });
    expect(placeClock('67482')).toMatchObject({ timeZone: 'Europe/Paris', holidays: 'Bas-Rhin' });
    expect(placeClock(null, '68100')).toMatchObject({ timeZone: 'Europe/Paris', holidays: 'Haut-Rhin' });
    expect(placeClock(null, null)).toMatchObject({ timeZone: 'Europe/Paris', holidays: '' });
  });
});
