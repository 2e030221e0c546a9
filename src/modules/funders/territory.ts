import { createRequire } from 'node:module';
import type { TerritoryRef } from '../../db/schema/index.js';

const require = createRequire(import.meta.url);
type Level = TerritoryRef['level'];

// The official INSEE codes from @etalab/decoupage-administratif. The commune file is
// 8 MB, so each level is read on first use and kept as a code → name map.
const FILES: Record<Level, string> = {
  region: '@etalab/decoupage-administratif/data/regions.json',
  departement: '@etalab/decoupage-administratif/data/departements.json',
  epci: '@etalab/decoupage-administratif/data/epci.json',
  commune: '@etalab/decoupage-administratif/data/communes.json',
};
const cache = new Map<Level, Map<string, string>>();

function names(level: Level): Map<string, string> {
  let map = cache.get(level);
  if (!map) {
    const rows = require(FILES[level]) as { code: string; nom: string; type?: string }[];
    // Only current communes: merged-away ones (associated, delegated) are not territories one funds.
    const current = level === 'commune' ? rows.filter((r) => r.type === 'commune-actuelle') : rows;
    map = new Map(current.map((r) => [r.code, r.nom]));
    cache.set(level, map);
  }
  return map;
}

export const LEVEL_LABELS: Record<Level, string> = {
  region: 'région',
  departement: 'département',
  epci: 'EPCI',
  commune: 'commune',
};

/** The official name of a territory, or undefined if the code is not an INSEE code of that level. */
export function territoryName(ref: TerritoryRef): string | undefined {
  return names(ref.level).get(ref.code);
}

/** Where a commune lies: its EPCI (if any), département and région, for territory checks. */
export interface CommunePlace {
  code: string;
  name: string;
  postcodes: string[];
  epci: string | null;
  departement: string;
  region: string;
}

let communes: Map<string, CommunePlace> | undefined;
let searchKeys: { key: string; place: CommunePlace }[] | undefined;

function communePlaces(): Map<string, CommunePlace> {
  if (!communes) {
    const epciOf = new Map<string, string>();
    const epcis = require('@etalab/decoupage-administratif/data/epci.json') as {
      code: string;
      membres: { code: string }[];
    }[];
    for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e.code);
    const rows = require(FILES.commune) as {
      code: string;
      nom: string;
      type: string;
      departement: string;
      region: string;
      codesPostaux?: string[];
    }[];
    communes = new Map(
      rows
        .filter((r) => r.type === 'commune-actuelle')
        .map((r) => [
          r.code,
          {
            code: r.code,
            name: r.nom,
            postcodes: r.codesPostaux ?? [],
            epci: epciOf.get(r.code) ?? null,
            departement: r.departement,
            region: r.region,
          },
        ]),
    );
  }
  return communes;
}

export function communePlace(code: string): CommunePlace | undefined {
  return communePlaces().get(code);
}

/** True when the commune lies in one of the territories (an empty list: anywhere). */
export function communeWithin(place: CommunePlace, territory: TerritoryRef[]): boolean {
  if (territory.length === 0) return true;
  return territory.some(
    (t) =>
      (t.level === 'commune' && t.code === place.code) ||
      (t.level === 'epci' && t.code === place.epci) ||
      (t.level === 'departement' && t.code === place.departement) ||
      (t.level === 'region' && t.code === place.region),
  );
}

/** Lower case, no accents, hyphens and apostrophes as spaces: « Saint-Étienne » finds « saint etienne ». */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Communes whose name starts with the words typed, or whose postcode starts with the
 * digits typed; exact names first, then the most populous ones would be a guess, so by name.
 */
export function searchCommunes(query: string, limit = 20): CommunePlace[] {
  const q = searchKey(query);
  if (q === '') return [];
  if (/^\d{2,5}$/.test(q)) {
    return [...communePlaces().values()]
      .filter((c) => c.postcodes.some((p) => p.startsWith(q)) || c.code === q)
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .slice(0, limit);
  }
  searchKeys ??= [...communePlaces().values()].map((place) => ({ key: searchKey(place.name), place }));
  const starts = searchKeys.filter((c) => c.key.startsWith(q));
  const exact = starts.filter((c) => c.key === q);
  const rest = starts.filter((c) => c.key !== q).sort((a, b) => a.key.localeCompare(b.key));
  return [...exact, ...rest].slice(0, limit).map((c) => c.place);
}

let byPostcode: Map<string, CommunePlace[]> | undefined;

/** The current communes of a postcode (several communes often share one), for imports. */
export function communesOfPostcode(postcode: string): CommunePlace[] {
  if (!byPostcode) {
    byPostcode = new Map();
    for (const place of communePlaces().values())
      for (const p of place.postcodes) byPostcode.set(p, [...(byPostcode.get(p) ?? []), place]);
  }
  return byPostcode.get(postcode) ?? [];
}
