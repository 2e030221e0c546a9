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

  it('takes a compound name typed in part for the same person', () => {
    // Keys as person_name_key folds them: hyphens, spaces and apostrophes become one space.
    expect(closeNames(n('jean', 'lefevre'), n('jean', 'lefevre dupont'))).toBe(true);
    expect(closeNames(n('jean', 'lefevre dupont'), n('jean', 'dupont'))).toBe(true);
    expect(closeNames(n('jean pierre', 'martin'), n('jean', 'martin'))).toBe(true);
    expect(closeNames(n('jean', 'lefevre'), n('jean', 'dupont lefevre'))).toBe(true);
    expect(closeNames(n('jeanne', 'lefevre'), n('jean', 'lefevre dupont'))).toBe(false);
    // A part is a whole word, not the start of one: « Martin » is not in « Martinez ».
    expect(closeNames(n('jean', 'martin'), n('jean', 'martinez lopez'))).toBe(false);
    expect(closeNames(n('jean', 'lefevre'), n('paul', 'lefevre dupont'))).toBe(false);
  });
});
