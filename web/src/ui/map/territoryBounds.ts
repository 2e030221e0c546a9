/*
 * Where a map looks when it has no point to show (a programme whose places have no coordinates
 * yet, or filters that leave none): its programme's territory rather than always the mainland.
 * Pure, without Leaflet, so that it is tested alone.
 */

/** South-west and north-east corners, [latitude, longitude]. */
export type Bounds = [[number, number], [number, number]];

// Mainland France (the default).
export const FRANCE: Bounds = [
  [42.3, -4.8],
  [51.1, 8.3],
];

// The overseas départements, each whole (Guadeloupe with Marie-Galante, Les Saintes and La
// Désirade): stable facts, by their INSEE codes.
const OVERSEAS: Record<string, Bounds> = {
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
 * The view of a map without points: the programme's overseas département(s) when its territory
 * lies there alone, else mainland France (a mainland territory, a mixed one, or none known).
 */
export function emptyMapBounds(departements: readonly string[]): Bounds {
  const boxes = departements.map((d) => OVERSEAS[d]);
  if (boxes.length === 0 || boxes.some((b) => b === undefined)) return FRANCE;
  const all = boxes as Bounds[];
  return [
    [Math.min(...all.map((b) => b[0][0])), Math.min(...all.map((b) => b[0][1]))],
    [Math.max(...all.map((b) => b[1][0])), Math.max(...all.map((b) => b[1][1]))],
  ];
}
