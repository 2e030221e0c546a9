import type { NamedTerritory, TerritoryLevel, TerritoryRef } from '../api/types';

export const TERRITORY_LEVELS: Record<TerritoryLevel, string> = {
  region: 'Région',
  departement: 'Département',
  epci: 'EPCI',
  commune: 'Commune',
};

/** A chosen territory as forms keep it: what the API stores and what the person read. */
export interface TerritoryChoice extends TerritoryRef {
  label: string;
}

/**
 * Forms hold strings: the territories chosen in a TerritoryPicker travel as JSON in one
 * field, so that useForm's reset, errors and summary treat them like any other field.
 */
export function encodeTerritories(list: TerritoryChoice[]): string {
  return list.length ? JSON.stringify(list) : '';
}

export function decodeTerritories(raw: string): TerritoryChoice[] {
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as TerritoryChoice[];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

/** What the API stores: the level and INSEE code of each, nothing the person read. */
export const territoryRefs = (list: TerritoryChoice[]): TerritoryRef[] =>
  list.map(({ level, code }) => ({ level, code }));

/** A stored territory as a choice, labelled as the server labels it (older answers: by name). */
export const choiceOf = (t: NamedTerritory): TerritoryChoice => ({
  level: t.level,
  code: t.code,
  label: formatTerritory(t),
});

export function formatTerritory(t: TerritoryRef & { name?: string; label?: string }): string {
  if (t.label) return t.label;
  const level = TERRITORY_LEVELS[t.level] ?? t.level;
  return t.name ? `${t.name} — ${level.toLowerCase()}` : `${level} ${t.code}`;
}
