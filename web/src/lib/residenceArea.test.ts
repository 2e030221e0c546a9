import { describe, expect, it } from 'vitest';
import type { TerritoryRef } from '../api/types';
import { narrowestGroup, regionName, residenceArea } from './residenceArea';

const dep = (code: string): TerritoryRef => ({ level: 'departement', code });
const names = new Map([
  ['region:32', 'Hauts-de-France'],
  ['departement:02', 'Aisne (02)'],
  ['departement:60', 'Oise (60)'],
  ['departement:80', 'Somme (80)'],
]);

describe('where a booklet’s beneficiary may live, in words', () => {
  it('names the envelope’s territory rather than the funder’s wider one', () => {
    const within = [[{ level: 'region', code: '32' } as TerritoryRef], [dep('80')]];
    expect(narrowestGroup(within)).toEqual([dep('80')]);
    expect(residenceArea(within, names)).toBe('Somme (80)');
  });

  it('names every part of a territory made of several', () => {
    expect(residenceArea([[dep('02'), dep('60'), dep('80')]], names)).toBe(
      'Aisne (02), Oise (60) et Somme (80)',
    );
  });

  it('names the funder’s territory when the booklet has no envelope', () => {
    expect(residenceArea([[{ level: 'region', code: '32' }]], names)).toBe('Hauts-de-France');
  });

  it('says nothing while a part has no name, or when the booklet goes anywhere', () => {
    expect(residenceArea([[dep('80'), { level: 'epci', code: '200049187' }]], names)).toBeNull();
    expect(residenceArea([], names)).toBeNull();
    expect(residenceArea(undefined, names)).toBeNull();
  });

  it('knows the régions by their code', () => {
    expect(regionName('32')).toBe('Hauts-de-France');
    expect(regionName('99')).toBeUndefined();
  });
});
