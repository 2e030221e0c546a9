import { describe, expect, it } from 'vitest';
import { closeNames, distance } from './close-names.js';

const n = (first: string, last: string) => ({ first, last });

describe('closeNames', () => {
  it('counts edits as Levenshtein does', () => {
    expect(distance('jeanine', 'jeannine')).toBe(1);
    expect(distance('dupont', 'dupond')).toBe(1);
    expect(distance('', 'abc')).toBe(3);
    expect(distance('kitten', 'sitting')).toBe(3);
  });

  it('takes a letter more or changed for the same person, and swapped names', () => {
    expect(closeNames(n('jeannine', 'dupont'), n('jeanine', 'dupont'))).toBe(true);
    expect(closeNames(n('jeannine', 'dupont'), n('jeanine', 'dupond'))).toBe(true);
    expect(closeNames(n('marcelline', 'lefebvre'), n('dupont', 'jeannine'))).toBe(false);
    expect(closeNames(n('jeannine', 'dupont'), n('dupont', 'jeannine'))).toBe(true);
  });

  it('does not take different people for one', () => {
    expect(closeNames(n('marie', 'martin'), n('maria', 'morin'))).toBe(false);
    expect(closeNames(n('luc', 'roy'), n('lea', 'roy'))).toBe(false);
    expect(closeNames(n('paul', 'petit'), n('paulette', 'petit'))).toBe(false);
  });
});
