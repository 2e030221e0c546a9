import regions from '@etalab/decoupage-administratif/data/regions.json';
import type { TerritoryRef } from '../api/types';

/**
 * The 18 régions by code, from the official geography the server reads too (a few hundred
 * bytes): the territory search finds a département by its number, a commune by its postcode,
 * but a région by its name only.
 */
const REGION_NAMES: ReadonlyMap<string, string> = new Map(
  (regions as { code: string; nom: string }[]).map((r) => [r.code, r.nom]),
);

export const regionName = (code: string): string | undefined => REGION_NAMES.get(code);

/**
 * The territories that bound where a booklet's beneficiary may live, the narrowest known: the
 * groups are the funder's territory then its envelope's, which lies within it (the server
 * checks it when the envelope is saved), so the last group says it.
 */
export function narrowestGroup(within: readonly TerritoryRef[][] | undefined): TerritoryRef[] {
  return within?.at(-1) ?? [];
}

/** A territory's key in the names' map: « departement:80 ». */
export const territoryKey = (t: TerritoryRef) => `${t.level}:${t.code}`;

/**
 * « Somme (80) », « Aisne (02), Oise (60) et Somme (80) », « Hauts-de-France »: the territory
 * in words, or null while one of its parts has no name (still searched, or an EPCI, which the
 * search cannot name by its code).
 */
export function residenceArea(
  within: readonly TerritoryRef[][] | undefined,
  names: ReadonlyMap<string, string>,
): string | null {
  const group = narrowestGroup(within);
  if (group.length === 0) return null;
  const words = group.map((t) => names.get(territoryKey(t)));
  if (words.some((w) => !w)) return null;
  const list = words as string[];
  return list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} et ${list.at(-1)}`;
}
