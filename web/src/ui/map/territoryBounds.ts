/*
 * Where a map looks when it has no point to show (a programme whose places have no coordinates
 * yet, or filters that leave none): its programme's territory rather than always the mainland.
 * Pure, without Leaflet, so that it is tested alone.
 */

/** South-west and north-east corners, [latitude, longitude]. */
export type Bounds = [[number, number], [number, number]];

// Metropolitan France (the default): the mainland from Ouessant to Lauterbourg and Corsica down to
// Bonifacio and the Lavezzi, which a box of the mainland alone (8.3° E at most) left out whole.
export const FRANCE: Bounds = [
  [41.3, -5.2],
  [51.1, 9.6],
];

// Corsica, whole for either of its two départements (a map of Corse-du-Sud shows Bastia too, as
// the mainland's shows its neighbours).
const CORSICA: Bounds = [
  [41.3, 8.5],
  [43.05, 9.6],
];

// The territories a map shows apart from the mainland: Corsica and the overseas départements,
// each whole (Guadeloupe with Marie-Galante, Les Saintes and La Désirade): stable facts, by their
// INSEE codes.
const APART: Record<string, Bounds> = {
  '2A': CORSICA,
  '2B': CORSICA,
  '971': [
    [15.83, -61.81],
    [16.52, -61.0],
  ],
  '972': [
    [14.38, -61.24],
    [14.89, -60.8],
  ],
  '973': [
    [2.11, -54.6],
    [5.78, -51.63],
  ],
  '974': [
    [-21.39, 55.21],
    [-20.87, 55.84],
  ],
  '976': [
    [-13.01, 44.98],
    [-12.63, 45.31],
  ],
};

/**
 * The view of a map without points: Corsica or the programme's overseas département(s) when its
 * territory lies there alone, else metropolitan France (a mainland territory, a mixed one, or none
 * known).
 */
export function emptyMapBounds(departements: readonly string[]): Bounds {
  const boxes = departements.map((d) => APART[d]);
  if (boxes.length === 0 || boxes.some((b) => b === undefined)) return FRANCE;
  const all = boxes as Bounds[];
  return [
    [Math.min(...all.map((b) => b[0][0])), Math.min(...all.map((b) => b[0][1]))],
    [Math.max(...all.map((b) => b[1][0])), Math.max(...all.map((b) => b[1][1]))],
  ];
}
