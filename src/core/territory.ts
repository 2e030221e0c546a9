import { createRequire } from 'node:module';
import type { TerritoryRef } from '../db/schema/index.js';
import { fold } from './french.js';

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

/** The communes a territory covers: the commune, an EPCI's members, a département's, a région's. */
function communesOf(ref: TerritoryRef): CommunePlace[] {
  const all = [...communePlaces().values()];
  switch (ref.level) {
    case 'commune':
      return all.filter((c) => c.code === ref.code);
    case 'epci':
      return all.filter((c) => c.epci === ref.code);
    case 'departement':
      return all.filter((c) => c.departement === ref.code);
    case 'region':
      return all.filter((c) => c.region === ref.code);
  }
}

const departementsOfRef = new Map<string, string[]>();

/**
 * The codes of the départements a territory lies in, sorted (an EPCI may straddle two); none
 * for an empty list (anywhere) or unknown codes. A map's view when it has no point to show.
 */
export function departementsOf(territory: TerritoryRef[]): string[] {
  const codes = new Set<string>();
  for (const ref of territory) {
    const key = `${ref.level}:${ref.code}`;
    let found = departementsOfRef.get(key);
    if (!found) {
      found =
        ref.level === 'departement'
          ? territoryName(ref)
            ? [ref.code]
            : []
          : [...new Set(communesOf(ref).map((c) => c.departement))];
      departementsOfRef.set(key, found);
    }
    for (const code of found) codes.add(code);
  }
  return [...codes].sort();
}

/**
 * True when every commune of `ref` lies in `territory` (an empty list: anywhere). By communes,
 * so that an EPCI straddling two départements is inside only if both are.
 */
export function territoryWithin(ref: TerritoryRef, territory: TerritoryRef[]): boolean {
  if (territory.length === 0) return true;
  const communes = communesOf(ref);
  return communes.length > 0 && communes.every((c) => communeWithin(c, territory));
}

/** Lower case, no accents, hyphens and apostrophes as spaces: « Saint-Étienne » finds « saint etienne ». */
export const searchKey = fold;

/**
 * What a search typed means, as a key (searchKey): « St » and « Ste » followed by more words
 * are « Saint » and « Sainte », as people write them on forms; a postcode typed with spaces
 * (« 80 100 ») is the postcode. « st » as the last word stays the start of a name (Strasbourg).
 */
export function queryKey(query: string): string {
  const key = searchKey(query);
  if (/^[0-9][0-9ab ]*$/.test(key)) return key.replace(/ /g, '');
  const words = key.split(' ');
  return words
    .map((w, i) =>
      i < words.length - 1 && (w === 'st' || w === 'ste') ? (w === 'st' ? 'saint' : 'sainte') : w,
    )
    .join(' ');
}

function communeKeys() {
  searchKeys ??= [...communePlaces().values()].map((place) => ({ key: searchKey(place.name), place }));
  return searchKeys;
}

/**
 * Communes whose name starts with the words typed, or whose postcode starts with the
 * digits typed; exact names first, then the most populous ones would be a guess, so by name.
 */
export function searchCommunes(query: string, limit = 20): CommunePlace[] {
  const q = queryKey(query);
  if (q === '') return [];
  if (/^\d{2,5}$/.test(q)) {
    return [...communePlaces().values()]
      .filter((c) => c.postcodes.some((p) => p.startsWith(q)) || c.code === q)
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .slice(0, limit);
  }
  const starts = communeKeys().filter((c) => c.key.startsWith(q));
  if (starts.length === 0) return closeCommunes(q, limit);
  const exact = starts.filter((c) => c.key === q);
  const rest = starts.filter((c) => c.key !== q).sort((a, b) => a.key.localeCompare(b.key));
  return [...exact, ...rest].slice(0, limit).map((c) => c.place);
}

/**
 * When no name starts with what was typed: the communes whose name, or its start as long as
 * what was typed, is one slip away (a letter missed, doubled, wrong, or two swapped: « Amines »,
 * « Abeville »), two for a longer word. A person at a desk types the commune as said aloud;
 * nothing under five letters, where one slip leads anywhere. Closest first, then by name.
 */
function closeCommunes(q: string, limit: number): CommunePlace[] {
  if (q.length < 5 || /\d/.test(q)) return [];
  const allowed = q.length < 8 ? 1 : 2;
  const found: { key: string; place: CommunePlace; d: number }[] = [];
  for (const c of communeKeys()) {
    // A name begun with another letter is not looked at: slips are rarely on the first one,
    // and comparing every commune's name would cost a tenth of a second per search.
    if (c.key[0] !== q[0]) continue;
    // The whole name, or its start: « Abevil » is a slip of « Abbeville »'s start.
    const d = Math.min(
      slips(q, c.key),
      slips(q, c.key.slice(0, q.length)),
      slips(q, c.key.slice(0, q.length + 1)),
    );
    if (d <= allowed) found.push({ ...c, d });
  }
  return found
    .sort((a, b) => a.d - b.d || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map((c) => c.place);
}

/**
 * The number of slips from one text to another: letters inserted, deleted or replaced, and two
 * neighbours swapped, each one slip (the optimal string alignment distance). Stops counting
 * past 2, which is all the search needs.
 */
function slips(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const width = b.length + 1;
  // Three rows: the one before last (for a swap), the last, the current.
  let before = new Array<number>(width).fill(0);
  let last = Array.from({ length: width }, (_, j) => j);
  let row = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(last[j]! + 1, row[j - 1]! + 1, last[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > 2) return 3;
    [before, last, row] = [last, row, before];
  }
  return last[b.length]!;
}

/**
 * The current communes of exactly this name (case, accents and hyphens aside), those with
 * this postcode only when one is given: several for a name many communes share.
 */
export function communesNamed(name: string, postcode?: string): CommunePlace[] {
  const key = searchKey(name);
  return communeKeys()
    .filter((c) => c.key === key && (!postcode || c.place.postcodes.includes(postcode)))
    .map((c) => c.place);
}

/** A territory as the search offers it: its official name and a label that says what it is. */
export interface TerritoryMatch {
  level: Level;
  code: string;
  name: string;
  label: string;
  /** a commune's postcodes */
  postcodes?: string[];
}

interface Indexed extends TerritoryMatch {
  key: string;
  population: number;
  postcodes: string[];
}

export const TERRITORY_LEVEL_ORDER: readonly Level[] = ['commune', 'epci', 'departement', 'region'];

let epciDepartements: Map<string, string[]> | undefined;

/**
 * The names of the départements an EPCI's communes lie in, the one with most communes first:
 * « CC des 2 Vallées » and « CC des Deux Vallées » are told apart by where they are.
 */
export function departementsOfEpci(code: string): string[] {
  if (!epciDepartements) {
    const counts = new Map<string, Map<string, number>>();
    for (const c of communePlaces().values()) {
      if (!c.epci) continue;
      const byDep = counts.get(c.epci) ?? new Map<string, number>();
      byDep.set(c.departement, (byDep.get(c.departement) ?? 0) + 1);
      counts.set(c.epci, byDep);
    }
    epciDepartements = new Map(
      [...counts].map(([epci, byDep]) => [
        epci,
        [...byDep]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([dep]) => territoryName({ level: 'departement', code: dep }) ?? dep),
      ]),
    );
  }
  return epciDepartements.get(code) ?? [];
}

/** "Verdun (55100) — commune", "CA du Grand Verdun (Meuse) — EPCI", "Meuse (55) — département", "Grand Est — région". */
export function territoryLabel(level: Level, code: string, name: string, postcodes: string[] = []): string {
  const departements = level === 'epci' ? departementsOfEpci(code) : [];
  const qualifier =
    level === 'departement'
      ? ` (${code})`
      : level === 'commune' && postcodes[0]
        ? ` (${postcodes[0]})`
        : departements.length > 0
          ? ` (${departements.join(', ')})`
          : '';
  return `${name}${qualifier} — ${LEVEL_LABELS[level]}`;
}

/** The label of a stored territory, or its bare code when the code is not (or no longer) official. */
export function labelOf(ref: TerritoryRef): string {
  const name = territoryName(ref);
  if (!name) return `${LEVEL_LABELS[ref.level]} ${ref.code}`;
  return territoryLabel(ref.level, ref.code, name, communePlace(ref.code)?.postcodes);
}

let index: Indexed[] | undefined;

/**
 * Every territory of every level, built once on the first search (about 36,000 rows, a few
 * MB): a scan of it answers in a millisecond or two, so no database index is needed.
 * Départements and régions weigh the population of their communes, to rank the search.
 */
function territoryIndex(): Indexed[] {
  if (index) return index;
  const rows: Indexed[] = [];
  const byDepartement = new Map<string, number>();
  const byRegion = new Map<string, number>();
  const communeRows = require(FILES.commune) as {
    code: string;
    nom: string;
    type: string;
    departement: string;
    region: string;
    population?: number;
    codesPostaux?: string[];
  }[];
  for (const c of communeRows) {
    if (c.type !== 'commune-actuelle') continue;
    const population = c.population ?? 0;
    byDepartement.set(c.departement, (byDepartement.get(c.departement) ?? 0) + population);
    byRegion.set(c.region, (byRegion.get(c.region) ?? 0) + population);
    const postcodes = c.codesPostaux ?? [];
    rows.push(entry('commune', c.code, c.nom, population, postcodes));
  }
  const epcis = require(FILES.epci) as { code: string; nom: string; populationTotale?: number }[];
  for (const e of epcis) rows.push(entry('epci', e.code, e.nom, e.populationTotale ?? 0));
  for (const d of require(FILES.departement) as { code: string; nom: string }[])
    rows.push(entry('departement', d.code, d.nom, byDepartement.get(d.code) ?? 0));
  for (const r of require(FILES.region) as { code: string; nom: string }[])
    rows.push(entry('region', r.code, r.nom, byRegion.get(r.code) ?? 0));
  index = rows;
  return rows;
}

function entry(
  level: Level,
  code: string,
  name: string,
  population: number,
  postcodes: string[] = [],
): Indexed {
  return {
    level,
    code,
    name,
    label: territoryLabel(level, code, name, postcodes),
    key: level === 'epci' ? epciKey(searchKey(name)) : searchKey(name),
    population,
    postcodes,
  };
}

/**
 * Territories whose name, or one of its words, starts with what was typed (accents, case,
 * hyphens ignored); a postcode (or its first digits) finds communes, a département's number
 * finds it. Exact names come first, then the most populous: « verdun » gives Verdun (Meuse)
 * before Verdun (Ariège), and the Grand Verdun's EPCI before the small « Verdun-… » communes.
 * `within`: only the communes that lie in every one of these territories (each a list, any of
 * whose parts will do), as a hand-out requires of the beneficiary's commune: the programme's
 * territory and its envelope's.
 */
export function searchTerritories(
  query: string,
  levels: readonly Level[] = TERRITORY_LEVEL_ORDER,
  limit = 10,
  within: readonly TerritoryRef[][] = [],
): TerritoryMatch[] {
  const q = queryKey(query);
  if (q === '') return [];
  const epciQ = epciKey(q);
  const wanted = new Set(levels);
  const digits = /^[0-9][0-9ab]{1,4}$/.test(q);
  // A commune by its own place; a wider territory by all its communes (territoryWithin), asked
  // only of the rows the query matched.
  const inside = (row: Indexed) => {
    if (within.length === 0) return true;
    if (row.level !== 'commune') return within.every((group) => territoryWithin(row, group));
    const place = communePlace(row.code);
    return !!place && within.every((group) => communeWithin(place, group));
  };
  const scored: { row: Indexed; rank: number }[] = [];
  for (const row of territoryIndex()) {
    if (!wanted.has(row.level)) continue;
    const rank = digits ? codeRank(row, q) : nameRank(row.key, row.level === 'epci' ? epciQ : q);
    if (rank !== undefined && inside(row)) scored.push({ row, rank });
  }
  scored.sort(
    (a, b) => a.rank - b.rank || b.row.population - a.row.population || a.row.key.localeCompare(b.row.key),
  );
  return scored.slice(0, limit).map(({ row }) => {
    // Found by a postcode of several: show the one that matched.
    const postcode = digits ? row.postcodes.find((p) => p.startsWith(q)) : undefined;
    const label = postcode ? territoryLabel(row.level, row.code, row.name, [postcode]) : row.label;
    // A commune's postcodes: a form that asks one (a place's address) fills it in when it is alone.
    const postcodes = row.level === 'commune' ? { postcodes: row.postcodes } : {};
    return { level: row.level, code: row.code, name: row.name, label, ...postcodes };
  });
}

/**
 * An EPCI's name as a key with its kind abbreviated: the official names write « CC des 7
 * Vallées », people type « Communauté de communes des 7 » (and some names are spelled out),
 * so both sides read « cc », « ca », « cu ». The search key has no accents nor apostrophes.
 */
const EPCI_KINDS: [RegExp, string][] = [
  [/\bcommunaute de communes\b/g, 'cc'],
  [/\bcommunaute d agglomeration\b/g, 'ca'],
  [/\bcommunaute urbaine\b/g, 'cu'],
];

export function epciKey(key: string): string {
  return EPCI_KINDS.reduce((k, [long, short]) => k.replace(long, short), key);
}

function nameRank(key: string, q: string): number | undefined {
  if (key === q) return 0;
  if (key.startsWith(q) || key.includes(` ${q}`)) return 1;
  return undefined;
}

function codeRank(row: Indexed, q: string): number | undefined {
  if (row.level === 'departement') return row.code.toLowerCase() === q ? 0 : undefined;
  if (row.level === 'commune' && row.postcodes.some((p) => p.startsWith(q))) return 1;
  return undefined;
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

let membersOf: Map<string, string[]> | undefined;

/**
 * The wider areas around a commune, nearest first: its EPCI (if any), then its département, each
 * with the codes of its current communes. The directory offers their places when the commune
 * itself has none (a small village's resident still needs a place to go).
 */
export function areasAround(
  code: string,
): { level: 'epci' | 'departement'; code: string; name: string; communes: string[] }[] {
  const place = communePlace(code);
  if (!place) return [];
  if (!membersOf) {
    membersOf = new Map();
    for (const c of communePlaces().values())
      for (const key of [c.epci ? `epci:${c.epci}` : null, `departement:${c.departement}`]) {
        if (!key) continue;
        const list = membersOf.get(key);
        if (list) list.push(c.code);
        else membersOf.set(key, [c.code]);
      }
  }
  const areas = [
    place.epci ? { level: 'epci' as const, code: place.epci } : null,
    { level: 'departement' as const, code: place.departement },
  ];
  return areas.flatMap((a) =>
    a
      ? [{ ...a, name: territoryName(a) ?? a.code, communes: membersOf!.get(`${a.level}:${a.code}`) ?? [] }]
      : [],
  );
}
