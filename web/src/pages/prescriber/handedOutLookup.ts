import { oneLine } from '../../../../src/core/french';
import type { HandedOutLookupInput } from '../../api/types';
import { isIsoDay } from '../../lib/format';
import type { FieldErrors } from '../../ui/form/useForm';

// Not 'firstName' and the like: the hand-out form on the same page has fields of a person too.
export const EMPTY = { soughtFirstName: '', soughtLastName: '', soughtBirthDate: '' };
type Values = typeof EMPTY;

export const LABELS: Record<keyof Values, string> = {
  soughtFirstName: 'Prénom',
  soughtLastName: 'Nom de famille',
  soughtBirthDate: 'Date de naissance',
};

/** The API's fields under the page's names, for its refusals to land on the right input. */
export const API_FIELDS = {
  firstName: 'soughtFirstName',
  lastName: 'soughtLastName',
  birthDate: 'soughtBirthDate',
} as const;

/** All three are required: the list shows initials only, and this is no search by a part of a name. */
export function validateLookup(v: Values): FieldErrors {
  const e: FieldErrors = {};
  if (!v.soughtFirstName.trim()) e.soughtFirstName = 'Indiquez le prénom de la personne.';
  if (!v.soughtLastName.trim()) e.soughtLastName = 'Indiquez le nom de la personne.';
  if (!v.soughtBirthDate) e.soughtBirthDate = 'Indiquez la date de naissance de la personne.';
  else if (!isIsoDay(v.soughtBirthDate))
    e.soughtBirthDate = 'Saisissez une date de naissance valide (jj/mm/aaaa).';
  return e;
}

export const toLookupInput = (v: Values): HandedOutLookupInput => ({
  firstName: oneLine(v.soughtFirstName),
  lastName: oneLine(v.soughtLastName),
  birthDate: v.soughtBirthDate,
});
