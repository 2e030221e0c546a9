import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../src/core/dates';
import { todayInParis } from '../../lib/format';
import { EMPTY, handedOutText, toHandOutInput, validateHandOut } from './handOutForm';

const birthError = (birthDate: string) =>
  validateHandOut({ ...EMPTY, 'beneficiary.birthDate': birthDate })['beneficiary.birthDate'];

describe('the hand-out form’s birth date', () => {
  it('says a date to come is one, not that it is malformed', () => {
    expect(birthError(addDays(todayInParis(), 365))).toBe(
      'La date de naissance est aujourd’hui ou à venir : vérifiez l’année.',
    );
    expect(birthError('1951-02-30')).toBe('Saisissez une date de naissance valide (jj/mm/aaaa).');
    expect(birthError('1951-04-02')).toBeUndefined();
  });
});

/**
 * « Lille » typed for a Somme booklet: the search said no commune of the territory matched, but
 * the form, sent, asked to search the commune again, and the agent went back to searching.
 */
describe('the hand-out form’s commune', () => {
  it('says, for a booklet of a territory, that a commune outside it cannot be chosen', () => {
    const error = (restricted: boolean) => validateHandOut(EMPTY, restricted)['beneficiary.communeCode'];
    expect(error(true)).toBe(
      'Choisissez la commune de résidence dans la liste. Seules les communes du territoire de ce carnet y sont : une personne qui habite ailleurs ne peut pas le recevoir.',
    );
    expect(error(false)).toBe('Recherchez la commune puis choisissez-la dans la liste.');
  });
});

/** Two spreadsheet cells pasted into « Prénom » were refused for a tab the agent could not see. */
describe('toHandOutInput', () => {
  it('sends a name pasted with a tab or a line break as one line', () => {
    const input = toHandOutInput({
      ...EMPTY,
      serial: 'P1A2B3-0000001-8',
      'beneficiary.firstName': ' Jean\tPierre ',
      'beneficiary.lastName': 'Dupont\r\nMartin',
    });
    expect(input.beneficiary).toMatchObject({ firstName: 'Jean Pierre', lastName: 'Dupont Martin' });
  });
});

/**
 * The hand-out was recorded but its answer lost (« Impossible de joindre le serveur… »): pressed
 * again, the desk read that the booklet had left its stock, as if it had failed.
 */
describe('handedOutText', () => {
  const result = {
    serial: 'C00002-0000013-3',
    beneficiaryId: 'b',
    validFrom: '2026-12-07',
    validUntil: '2027-12-31',
  };
  it('says the booklet was handed out, and on a retry that the first request went through', () => {
    expect(handedOutText(result, 'Yanis Benchérif')).toBe(
      'Le carnet C00002-0000013-3 a été remis à Yanis Benchérif. Ses pass sont valables du 7 décembre 2026 au 31 décembre 2027.',
    );
    expect(handedOutText({ ...result, alreadyRecorded: true }, 'Yanis Benchérif')).toBe(
      'Ce carnet a bien été remis à Yanis Benchérif le 7 décembre 2026 (votre première demande avait abouti). Ses pass sont valables du 7 décembre 2026 au 31 décembre 2027.',
    );
  });
});
