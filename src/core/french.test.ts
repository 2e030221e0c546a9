import { describe, expect, it } from 'vitest';
import { agree, deName, elide } from './french.js';

describe('elide', () => {
  it('elides before a vowel, accented or not, and only then', () => {
    expect(elide('que', 'administrateur du financeur')).toBe('qu’administrateur du financeur');
    expect(elide('que', 'lecteur du financeur')).toBe('que lecteur du financeur');
    expect(elide('de', 'Antenne Nord')).toBe('d’Antenne Nord');
    expect(elide('de', 'Établissement public')).toBe('d’Établissement public');
    expect(elide('de', 'Mission locale')).toBe('de Mission locale');
  });
});

/** The funder's prescriber list read « Inviter un agent de Antenne… »: French elides. */
describe('deName', () => {
  it.each([
    ['Antenne régionale de Laon', 'd’Antenne régionale de Laon'],
    ['Association Emmaüs', 'd’Association Emmaüs'],
    ['Établissement public', 'd’Établissement public'],
    ['Île-de-France Mobilités', 'd’Île-de-France Mobilités'],
    ['Hôpital de Laon', 'd’Hôpital de Laon'],
    ['Habitat 62/59', 'd’Habitat 62/59'],
    ['EPCI du Laonnois', 'd’EPCI du Laonnois'],
    ['Mission locale du Grand Amiénois', 'de Mission locale du Grand Amiénois'],
    ['Hauts-de-France Numérique', 'de Hauts-de-France Numérique'],
    ['Halle aux grains', 'de Halle aux grains'],
    ['PETR du Pays de Verdun', 'de PETR du Pays de Verdun'],
  ])('writes « de » before %s as « %s »', (name, text) => {
    expect(deName(name)).toBe(text);
  });
});

describe('agree', () => {
  it('counts 0 and 1 in the singular, 2 and more in the plural', () => {
    const carnets = (n: number) => `${n} ${agree(n, 'carnet', 'carnets')}`;
    expect([0, 1, 2, 7].map(carnets)).toEqual(['0 carnet', '1 carnet', '2 carnets', '7 carnets']);
  });
});
