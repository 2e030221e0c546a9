import { describe, expect, it } from 'vitest';
import { formatDistance, outsideTerritoryLabel } from './format';

describe('the directory’s words', () => {
  it('writes distances as French readers do', () => {
    expect(formatDistance(0.35)).toBe('350 m');
    expect(formatDistance(1.84)).toBe('1,8 km');
  });

  it('names the territory a commune searched lies outside of', () => {
    expect(outsideTerritoryLabel(['Hauts-de-France'], 'Bordeaux (33000)')).toBe(
      'Aucun lieu : les pass de ce dispositif s’utilisent sur son territoire, Hauts-de-France. Bordeaux (33000) n’en fait pas partie.',
    );
    expect(outsideTerritoryLabel(['Somme', 'Oise', 'Aisne'], '')).toBe(
      'Aucun lieu : les pass de ce dispositif s’utilisent sur son territoire, Somme, Oise et Aisne. Cette commune n’en fait pas partie.',
    );
  });
});
