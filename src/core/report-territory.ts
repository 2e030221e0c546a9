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
