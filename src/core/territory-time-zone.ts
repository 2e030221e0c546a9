/*
 * Where a place's opening hours are read: the wall clock of its territory's time zone and that
 * territory's public holidays. « Lu-Ve 8 h – 16 h » in Pointe-à-Pitre is 8 h to 16 h in
 * Pointe-à-Pitre, not in Paris. Business dates (sessions, statements, deadlines) stay Paris's
 * (`core/dates.ts`): this is for opening hours only.
 */

export interface PlaceClock {
  /** IANA time zone of the place's wall clock. */
  timeZone: string;
  /**
   * The state whose public holidays (PH) the `opening_hours` package applies in France (its
   * names: « La Réunion », « Guadeloupe »…); '' for the mainland's holidays alone.
   */
  holidays: string;
  /** A point of the territory, for the package's sunrise and sunset (« sunrise-sunset »). */
  lat: number;
  lon: number;
}

export const MAINLAND: PlaceClock = { timeZone: 'Europe/Paris', holidays: '', lat: 46.6, lon: 2.4 };

// By département (INSEE): the overseas ones, and Alsace-Moselle's two more holidays (Vendredi
// saint, 26 décembre) on Paris's clock.
const BY_DEPARTEMENT: Record<string, PlaceClock> = {
  '57': { ...MAINLAND, holidays: 'Moselle', lat: 49.0, lon: 6.6 },
  '67': { ...MAINLAND, holidays: 'Bas-Rhin', lat: 48.6, lon: 7.6 },
  '68': { ...MAINLAND, holidays: 'Haut-Rhin', lat: 47.9, lon: 7.3 },
  '971': { timeZone: 'America/Guadeloupe', holidays: 'Guadeloupe', lat: 16.2, lon: -61.5 },
  '972': { timeZone: 'America/Martinique', holidays: 'Martinique', lat: 14.6, lon: -61.0 },
  '973': { timeZone: 'America/Cayenne', holidays: 'Guyane', lat: 4.9, lon: -52.3 },
  '974': { timeZone: 'Indian/Reunion', holidays: 'La Réunion', lat: -21.1, lon: 55.5 },
  '975': { timeZone: 'America/Miquelon', holidays: 'Saint-Pierre-et-Miquelon', lat: 46.8, lon: -56.2 },
  '976': { timeZone: 'Indian/Mayotte', holidays: 'Mayotte', lat: -12.8, lon: 45.2 },
  '977': { timeZone: 'America/St_Barthelemy', holidays: 'Saint-Barthélemy', lat: 17.9, lon: -62.8 },
  '978': { timeZone: 'America/Marigot', holidays: 'Saint-Martin', lat: 18.1, lon: -63.1 },
};

/** The département of an INSEE commune code (« 97411 » → « 974 », « 2A004 » → « 2A »). */
function departementOfCommune(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

/**
 * The département a postcode tells, for a place without a commune: overseas, its first three
 * digits, but for Saint-Barthélemy (97133) and Saint-Martin (97150), numbered as Guadeloupe.
 */
function departementOfPostcode(postcode: string): string {
  if (postcode === '97133') return '977';
  if (postcode === '97150') return '978';
  return departementOfCommune(postcode);
}

/** The clock a place's opening hours are read on: by its commune, else its postcode; else Paris's. */
export function placeClock(communeCode: string | null, postcode?: string | null): PlaceClock {
  const departement = communeCode
    ? departementOfCommune(communeCode)
    : postcode
      ? departementOfPostcode(postcode)
      : '';
  return BY_DEPARTEMENT[departement] ?? MAINLAND;
}
