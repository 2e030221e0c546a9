import { addDays } from './dates.js';
import { communePlace, departementsOfEpci, territoryName } from './territory.js';

/*
 * A programme's report for a period (« Bilan de la période »): the arithmetic that needs no
 * database, shared by the server (its figures, its PDF) and the web app (its quick choices).
 */

export interface Period {
  from: string;
  to: string;
}

/**
 * The last calendar quarter wholly before `today`: the quarterly progress the State agency asks
 * for. On 3 December 2026, the third quarter (1 July to 30 September 2026).
 */
export function lastFullQuarter(today: string): Period {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3); // 0 for January to March
  const [y, q] = quarter === 0 ? [year - 1, 3] : [year, quarter - 1];
  const from = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const nextStart = q === 3 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 4).padStart(2, '0')}-01`;
  return { from, to: addDays(nextStart, -1) };
}

/** The last calendar year wholly before `today`: a stage report's « année pleine ». */
export function lastFullYear(today: string): Period {
  const year = Number(today.slice(0, 4)) - 1;
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** Every month ('YYYY-MM') the period touches, in order: a month without sessions is a gap to see. */
export function monthsOf({ from, to }: Period): string[] {
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month > last) return months;
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/** Minutes as a French reader reads a duration: « 12 h 30 », « 3 h », « 0 h 45 ». */
export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

/** People reached, counted once each, by the commune they gave. */
export interface PeopleInCommune {
  communeCode: string;
  people: number;
}

export interface PeopleInTerritory {
  /** the INSEE code (a département's, an EPCI's SIREN); null for the people no official one holds */
  code: string | null;
  name: string;
  people: number;
}

const byPeopleThenName = (a: PeopleInTerritory, b: PeopleInTerritory) =>
  b.people - a.people || (a.code === null ? 1 : b.code === null ? -1 : a.name.localeCompare(b.name, 'fr'));

function tally(rows: PeopleInCommune[], key: (code: string) => { code: string | null; name: string }) {
  // Lines without a code (unknown commune, none of an EPCI) are told apart by their names.
  const found = new Map<string, PeopleInTerritory>();
  for (const r of rows) {
    const k = key(r.communeCode);
    const id = k.code ?? `-${k.name}`;
    const t = found.get(id) ?? { ...k, people: 0 };
    t.people += r.people;
    found.set(id, t);
  }
  return [...found.values()].sort(byPeopleThenName);
}

// A commune no longer in the INSEE list (merged since the hand-out) is not dropped: its people
// still count in the total, under a line that says why it has no département.
const UNKNOWN_COMMUNE = { code: null, name: 'Commune absente du code officiel géographique' };

/**
 * People by département (« Somme (80) ») and by EPCI of their commune (« CA Amiens Métropole
 * (Somme) »), most people first: each list adds up to the people counted, a commune outside any
 * EPCI or unknown to the INSEE list having a line of its own.
 */
export function peopleByTerritory(rows: PeopleInCommune[]) {
  const byDepartement = tally(rows, (code) => {
    const place = communePlace(code);
    if (!place) return UNKNOWN_COMMUNE;
    const name = territoryName({ level: 'departement', code: place.departement }) ?? place.departement;
    return { code: place.departement, name: `${name} (${place.departement})` };
  });
  const byEpci = tally(rows, (code) => {
    const place = communePlace(code);
    if (!place) return UNKNOWN_COMMUNE;
    if (!place.epci) return { code: null, name: 'Commune hors EPCI' };
    const name = territoryName({ level: 'epci', code: place.epci }) ?? place.epci;
    const where = departementsOfEpci(place.epci);
    return { code: place.epci, name: where.length > 0 ? `${name} (${where.join(', ')})` : name };
  });
  return { byDepartement, byEpci };
}
