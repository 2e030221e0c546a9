import { describe, expect, it } from 'vitest';
import { closeBirthDates, closeNames, distance } from './close-names.js';

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

describe('closeBirthDates', () => {
  it('holds the day and month swapped and every real date one digit off, not the date itself', () => {
    const near = closeBirthDates('2004-05-12');
    expect(near).toContain('2004-12-05');
    expect(near).toEqual(
      expect.arrayContaining(['2004-05-13', '2004-05-22', '2004-06-12', '2005-05-12', '1004-05-12']),
    );
    expect(near).not.toContain('2004-05-12');
    // Two digits off, or digits swapped inside a part: not the same slip.
    expect(near).not.toContain('2004-06-13');
    expect(near).not.toContain('2004-05-21');
    expect(near).not.toContain('2040-05-12');
    // Only real dates: no 32nd, no 13th month, no 30 February.
    expect(near.every((d) => !/-(1[3-9]|[2-9]\d)-|-3[2-9]$/.test(d))).toBe(true);
    expect(closeBirthDates('2004-02-10')).not.toContain('2004-02-30');
  });

  it('has no swap when day and month are one, and none that is no date', () => {
    expect(closeBirthDates('1990-07-07').filter((d) => d.startsWith('1990-07'))).not.toContain('1990-07-07');
    expect(closeBirthDates('1990-03-25')).not.toContain('1990-25-03');
  });
});
