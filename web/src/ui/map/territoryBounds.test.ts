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
});
