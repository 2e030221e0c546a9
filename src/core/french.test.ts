import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agree, deName, elide, points } from './french.js';

describe('elide', () => {
  it('elides before a vowel, accented or not, and only then', () => {
    expect(elide('que', 'administrateur du financeur')).toBe('qu’administrateur du financeur');
    expect(elide('que', 'lecteur du financeur')).toBe('que lecteur du financeur');
    expect(elide('de', 'Antenne Nord')).toBe('d’Antenne Nord');
    expect(elide('de', 'Établissement public')).toBe('d’Établissement public');
    expect(elide('de', 'Mission locale')).toBe('de Mission locale');
  });

  it('elides before a Y said as a vowel, not before a Y said as a consonant', () => {
    // Y before a consonant, or alone, sounds « i »: « d’Yvetot », « la bataille d’Ypres ».
    expect(elide('de', 'Yvetot')).toBe('d’Yvetot');
    expect(elide('de', 'Ypres')).toBe('d’Ypres');
    expect(elide('de', 'Ys')).toBe('d’Ys');
    expect(elide('de', 'Yssingeaux')).toBe('d’Yssingeaux');
    expect(elide('de', 'Y')).toBe('d’Y');
    // Y before a vowel sounds « ye »: « de Yaoundé », « de Yenne ».
    expect(elide('de', 'Yaoundé')).toBe('de Yaoundé');
    expect(elide('de', 'Yenne')).toBe('de Yenne');
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

describe('points', () => {
  it('agrees a score in number: « 1 point », « 2 points » (the places’ pages read « 1 points »)', () => {
    expect([0, 1, 2, 10].map(points)).toEqual(['0 point', '1 point', '2 points', '10 points']);
  });

  it('is how every page and message prints a number of points', () => {
    const root = join(import.meta.dirname, '../..');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
        const path = join(dir, d.name);
        if (d.isDirectory()) return files(path);
        return /\.tsx?$/.test(d.name) && !d.name.includes('.test.') ? [path] : [];
      });
    // « {score} points » or « ${score} points »: a count printed with a fixed plural.
    const raw = [...files(join(root, 'src')), ...files(join(root, 'web/src'))].filter((f) =>
      /\}\s*points\b/.test(readFileSync(f, 'utf8')),
    );
    expect(raw.map((f) => f.slice(root.length + 1))).toEqual([]);
  });
});
