import { describe, expect, it } from 'vitest';
import { toLookupInput, validateLookup } from './handedOutLookup';

/** The names and the birth date are all asked for: no list of names by a letter or two. */
describe('validateLookup', () => {
  it('names each missing field', () => {
    expect(validateLookup({ soughtFirstName: ' ', soughtLastName: '', soughtBirthDate: '' })).toEqual({
      soughtFirstName: 'Indiquez le prénom de la personne.',
      soughtLastName: 'Indiquez le nom de la personne.',
      soughtBirthDate: 'Indiquez la date de naissance de la personne.',
    });
  });

  it('sends names on one line, and the day as typed', () => {
    const v = { soughtFirstName: 'Jean', soughtLastName: 'Lefèvre\tDupont', soughtBirthDate: '1948-03-12' };
    expect(validateLookup(v)).toEqual({});
    expect(toLookupInput(v)).toEqual({
      firstName: 'Jean',
      lastName: 'Lefèvre Dupont',
      birthDate: '1948-03-12',
    });
  });
});
