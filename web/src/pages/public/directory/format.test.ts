import { describe, expect, it } from 'vitest';
import { acceptedPass, formatDistance, fundedBy, outsideTerritoryLabel } from './format';

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

  it('puts a funder’s name after a colon, its article unknown, and says what a pass is worth', () => {
    expect(`Pass ${fundedBy('Région Hauts-de-France')}.`).toBe('Pass financé par : Région Hauts-de-France.');
    expect(
      acceptedPass({ name: 'Pass HDF', funderName: 'Région Hauts-de-France', faceValueCents: 1000 }),
    ).toBe('« Pass HDF », financé par : Région Hauts-de-France — un pass vaut 10,00 €.');
    expect(
      acceptedPass({ name: 'Pass HDF', funderName: 'Région Hauts-de-France', faceValueCents: null }),
    ).toBe('« Pass HDF », financé par : Région Hauts-de-France.');
  });
});
