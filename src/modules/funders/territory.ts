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
