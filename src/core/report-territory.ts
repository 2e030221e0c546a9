import { communePlace, departementsOfEpci, territoryName } from './territory.js';

/*
 * The people a programme's report counts, by the territories of their communes: the server's
 * only (the INSEE lists are read from @etalab/decoupage-administratif on first use).
 */

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

/** The département of a commune as the report names it: « Somme (80) ». */
function departementOf(code: string): { code: string | null; name: string } {
  const place = communePlace(code);
  if (!place) return UNKNOWN_COMMUNE;
  const name = territoryName({ level: 'departement', code: place.departement }) ?? place.departement;
  return { code: place.departement, name: `${name} (${place.departement})` };
}

/**
 * People by département (« Somme (80) ») and by EPCI of their commune (« CA Amiens Métropole
 * (Somme) »), most people first: each list adds up to the people counted, a commune outside any
 * EPCI or unknown to the INSEE list having a line of its own.
 */
export function peopleByTerritory(rows: PeopleInCommune[]) {
  const byDepartement = tally(rows, departementOf);
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

/** A place's sessions over a period, with the commune the place gave (null: none). */
export interface SessionsOfPlace {
  communeCode: string | null;
  sessions: number;
  minutes: number;
  valueCents: number;
}

export interface SessionsInDepartement {
  code: string | null;
  name: string;
  places: number;
  sessions: number;
  minutes: number;
  valueCents: number;
}

/**
 * Sessions by the département of the place that gave them, most sessions first: what the State
 * asks of a regional programme. Every place counts once, under its département, or under a line
 * that says why it has none; the lines add up to the period's sessions.
 */
export function sessionsByDepartement(rows: SessionsOfPlace[]): SessionsInDepartement[] {
  const found = new Map<string, SessionsInDepartement>();
  for (const r of rows) {
    const d = r.communeCode ? departementOf(r.communeCode) : PLACE_WITHOUT_COMMUNE;
    const id = d.code ?? `-${d.name}`;
    const t = found.get(id) ?? { ...d, places: 0, sessions: 0, minutes: 0, valueCents: 0 };
    t.places += 1;
    t.sessions += r.sessions;
    t.minutes += r.minutes;
    t.valueCents += r.valueCents;
    found.set(id, t);
  }
  return [...found.values()].sort(
    (a, b) =>
      b.sessions - a.sessions ||
      (a.code === null ? 1 : b.code === null ? -1 : a.name.localeCompare(b.name, 'fr')),
  );
}

const PLACE_WITHOUT_COMMUNE = { code: null, name: 'Lieu sans commune renseignée' };
