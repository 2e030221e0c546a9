import { describe, expect, it } from 'vitest';
import { emptyMapBounds, FRANCE } from './territoryBounds';

/** A Réunion programme without a place on its map showed mainland France. */
describe('emptyMapBounds', () => {
  const inside = (bounds: ReturnType<typeof emptyMapBounds>, [lat, lon]: [number, number]) =>
    bounds[0][0] <= lat && lat <= bounds[1][0] && bounds[0][1] <= lon && lon <= bounds[1][1];

  it.each([
    ['971', [16.241, -61.533]], // Pointe-à-Pitre
    ['972', [14.616, -61.059]], // Fort-de-France
    ['973', [4.933, -52.33]], // Cayenne
    ['974', [-20.882, 55.45]], // Saint-Denis
    ['976', [-12.78, 45.228]], // Mamoudzou
  ] as const)('shows the overseas département %s, not the mainland', (departement, town) => {
    const bounds = emptyMapBounds([departement]);
    expect(inside(bounds, [...town])).toBe(true);
    expect(inside(bounds, [49.894, 2.302])).toBe(false); // Amiens
  });

  it('shows the mainland for a mainland territory, a mixed one, or none known', () => {
    expect(emptyMapBounds(['80'])).toEqual(FRANCE);
    expect(emptyMapBounds(['02', '59', '60', '62', '80'])).toEqual(FRANCE);
    expect(emptyMapBounds(['974', '80'])).toEqual(FRANCE);
    expect(emptyMapBounds([])).toEqual(FRANCE);
  });

  it('shows both islands of a territory over two overseas départements', () => {
    const bounds = emptyMapBounds(['971', '972']);
    expect(inside(bounds, [16.241, -61.533])).toBe(true);
    expect(inside(bounds, [14.616, -61.059])).toBe(true);
  });

  /** A Corse-du-Sud programme without a place on its map showed the mainland and the sea. */
  const corsica: [string, [number, number]][] = [
    ['Ajaccio', [41.919, 8.738]],
    ['Bonifacio', [41.387, 9.159]],
    ['Porto-Vecchio', [41.591, 9.279]],
    ['Bastia', [42.697, 9.45]],
    ['Cap Corse (Ersa)', [43.004, 9.379]],
    ['Calvi', [42.567, 8.757]],
  ];
  it.each(['2A', '2B'])('shows Corsica for a territory in %s, and Corsica only', (departement) => {
    const bounds = emptyMapBounds([departement]);
    for (const [, town] of corsica) expect(inside(bounds, town)).toBe(true);
    expect(inside(bounds, [49.894, 2.302])).toBe(false); // Amiens
  });

  it('keeps the whole of mainland France and Corsica in its default view', () => {
    for (const bounds of [FRANCE, emptyMapBounds(['2A', '13']), emptyMapBounds(['2A', '2B'])]) {
      for (const [, town] of corsica) expect(inside(bounds, town)).toBe(true);
    }
    for (const town of [
      [51.071, 2.523], // Bray-Dunes, the north
      [42.333, 2.527], // Lamanère, the south
      [48.456, -5.096], // Ouessant, the west
      [48.977, 8.229], // Lauterbourg, the east
      [43.71, 7.262], // Nice
    ] as [number, number][]) {
      expect(inside(FRANCE, town)).toBe(true);
      expect(inside(emptyMapBounds(['2A', '13']), town)).toBe(true);
    }
  });
});
