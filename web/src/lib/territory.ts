import type { TerritoryLevel, TerritoryRef } from '../api/types';
import type { Parsed } from './parse';

export const TERRITORY_LEVELS: Record<TerritoryLevel, string> = {
  region: 'Région',
  departement: 'Département',
  epci: 'EPCI',
  commune: 'Commune',
};

const isLevel = (s: string): s is TerritoryLevel => Object.hasOwn(TERRITORY_LEVELS, s);

/**
 * One territory per line, "niveau:code INSEE" (e.g. "departement:62", "commune:62041").
 * Commas are accepted too, for people who type them on one line.
 */
export function parseTerritoryLines(raw: string): Parsed<TerritoryRef[]> {
  const items = raw
    .split(/[\n,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const out: TerritoryRef[] = [];
  for (const [i, item] of items.entries()) {
    const [level = '', code = '', ...rest] = item.split(':').map((s) => s.trim());
    const lower = level
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '');
    if (!isLevel(lower) || !code || rest.length > 0 || !/^[0-9A-Za-z]+$/.test(code)) {
      return {
        ok: false,
        error: `Ligne ${i + 1} (« ${item} ») : écrivez « niveau:code », le niveau étant region, departement, epci ou commune (ex. departement:62).`,
      };
    }
    out.push({ level: lower, code: code.toUpperCase() });
  }
  return { ok: true, value: out };
}

export function formatTerritory(t: TerritoryRef & { name?: string }): string {
  const level = TERRITORY_LEVELS[t.level] ?? t.level;
  return t.name ? `${t.name} (${level.toLowerCase()} ${t.code})` : `${level} ${t.code}`;
}
