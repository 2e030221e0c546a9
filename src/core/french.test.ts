import { describe, expect, it } from 'vitest';
import { elide } from './french.js';

describe('elide', () => {
  it('elides before a vowel, accented or not, and only then', () => {
    expect(elide('que', 'administrateur du financeur')).toBe('qu’administrateur du financeur');
    expect(elide('que', 'lecteur du financeur')).toBe('que lecteur du financeur');
    expect(elide('de', 'Antenne Nord')).toBe('d’Antenne Nord');
    expect(elide('de', 'Établissement public')).toBe('d’Établissement public');
    expect(elide('de', 'Mission locale')).toBe('de Mission locale');
  });
});
