import type { FieldIssue } from '../../core/errors.js';
import {
  communePlace,
  communeWithin,
  departementsOf,
  LEVEL_LABELS,
  labelOf,
  searchCommunes,
  searchTerritories,
  type TerritoryMatch,
  territoryName,
  territoryWithin,
} from '../../core/territory.js';
import type { Queryable } from '../../db/client.js';
import type { TerritoryRef } from '../../db/schema/index.js';
import * as repo from './repo.js';

/**
 * A funder's territory and the official geography its pages use: territories and communes named
 * and searched, a territory checked (unknown codes, one listed twice, parts outside the funder's).
 */

/** Stored territories with their official names and labels, for display. */
export function named(territory: TerritoryRef[]) {
  return territory.map((t) => ({ ...t, name: territoryName(t) ?? t.code, label: labelOf(t) }));
}

/** Unknown INSEE codes are named one by one, so the form can point at the bad line. */
export function checkTerritory(territory: TerritoryRef[], field = 'territory'): FieldIssue[] {
  // A territory listed twice was stored and shown twice (« Somme (80) » twice in the list).
  const seen = new Set<string>();
  return territory.flatMap((ref, i) => {
    const key = `${ref.level} ${ref.code}`;
    const again = seen.has(key);
    seen.add(key);
    if (!territoryName(ref))
      return [
        {
          field: `${field}.${i}.code`,
          message: `« ${ref.code} » n'est pas un code INSEE de ${LEVEL_LABELS[ref.level]}.`,
        },
      ];
    return again
      ? [{ field: `${field}.${i}.code`, message: `${labelOf(ref)} figure déjà dans la liste : retirez-le.` }]
      : [];
  });
}

/** Communes matching a name or postcode, for choosing a beneficiary's commune (public data). */
export function communes(query: string) {
  return searchCommunes(query).map(({ code, name, postcodes, departement }) => ({
    code,
    name,
    postcodes,
    departement,
  }));
}

/** A commune's official name from its INSEE code, for other modules' answers. */
export function communeName(code: string | null): string | null {
  return code ? (territoryName({ level: 'commune', code }) ?? null) : null;
}

/**
 * A funder's name and the codes of the départements its territory lies in, for the public
 * directory: its map shows them when no place is on it (an overseas programme, not the mainland).
 */
export async function nameAndDepartements(
  tx: Queryable,
  funderId: string,
): Promise<{ name: string; departements: string[] }> {
  const row = await repo.findFunder(tx, funderId);
  return { name: row?.name ?? '', departements: departementsOf(row?.territory ?? []) };
}

/** The funder's territory (its programmes' territory: a programme has none of its own). */
export async function territoryOf(tx: Queryable, funderId: string): Promise<TerritoryRef[]> {
  return (await repo.findFunder(tx, funderId))?.territory ?? [];
}

/**
 * The names of the funder's territories when the commune lies outside them (a commune typed
 * anywhere in France in the public directory, where « no place » alone did not say why); null
 * inside, for a funder without a territory, or for a code that is no current commune.
 */
export async function outsideTerritory(tx: Queryable, funderId: string, communeCode: string) {
  const place = communePlace(communeCode);
  if (!place) return null;
  const own = await territoryOf(tx, funderId);
  if (own.length === 0 || communeWithin(place, own)) return null;
  return own.map((t) => territoryName(t) ?? t.code);
}

/**
 * The parts of `territory` outside the funder's own, each named at its field: a programme's
 * envelope shares the funder's passes among parts of its territory, never beyond it.
 */
export async function checkWithinFunder(
  tx: Queryable,
  funderId: string,
  territory: TerritoryRef[],
  field = 'territory',
): Promise<FieldIssue[]> {
  const own = await territoryOf(tx, funderId);
  return territory.flatMap((ref, i) =>
    territoryWithin(ref, own)
      ? []
      : [
          {
            field: `${field}.${i}.code`,
            message: `${labelOf(ref)} n’est pas dans le territoire du financeur.`,
          },
        ],
  );
}

/** Territories by name for the pickers (public data: the official geography). */
export function territories(
  query: string,
  levels: TerritoryMatch['level'][],
  limit: number,
  within: TerritoryRef[][] = [],
): TerritoryMatch[] {
  return searchTerritories(query, levels, limit, within);
}

/** A current commune by its INSEE code, with its name and postcodes; undefined if unknown. */
export function communeByCode(code: string) {
  const c = communePlace(code);
  return c ? { code: c.code, name: c.name, postcodes: c.postcodes } : undefined;
}

/** The EPCI then the département around a commune, with their communes (territory.areasAround). */
export { areasAround } from '../../core/territory.js';
