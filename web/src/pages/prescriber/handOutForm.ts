import { oneLine } from '../../../../src/core/french';
import type { HandOutInput, HandOutResult } from '../../api/types';
import { formatDate, isIsoDay, todayInParis } from '../../lib/format';
import { normalizeSerial, serialProblem } from '../../lib/serial';
import type { FieldErrors } from '../../ui/form/useForm';

/** Named by the API's paths ('beneficiary.communeCode'), so its field errors land on the right input. */
export const EMPTY = {
  serial: '',
  'beneficiary.firstName': '',
  'beneficiary.lastName': '',
  'beneficiary.birthDate': '',
  'beneficiary.communeCode': '',
  'beneficiary.audience': '',
};
export type HandOutValues = typeof EMPTY;

export const LABELS: Record<string, string> = {
  serial: 'Numéro du carnet',
  'beneficiary.firstName': 'Prénom',
  'beneficiary.lastName': 'Nom de famille',
  'beneficiary.birthDate': 'Date de naissance',
  'beneficiary.communeCode': 'Commune de résidence',
  'beneficiary.audience': 'Public visé',
  // The whole person: named when the person already received the programme's allowance.
  beneficiary: 'Bénéficiaire',
  // Not a field of the form: the server records today's date (an agent cannot backdate), and
  // names it when the programme's status forbids handing out on that day.
  handedOutOn: 'Date de remise',
};

/** `restricted`: the booklet is for the residents of a territory (the search offers no other commune). */
export function validateHandOut(v: HandOutValues, restricted = false): FieldErrors {
  const e: FieldErrors = {};
  const serial = serialProblem(v.serial);
  if (serial) e.serial = serial;
  if (!v['beneficiary.firstName'].trim()) e['beneficiary.firstName'] = 'Indiquez le prénom du bénéficiaire.';
  if (!v['beneficiary.lastName'].trim()) e['beneficiary.lastName'] = 'Indiquez le nom du bénéficiaire.';
  const birth = v['beneficiary.birthDate'];
  if (!birth) e['beneficiary.birthDate'] = 'Indiquez la date de naissance.';
  else if (!isIsoDay(birth))
    e['beneficiary.birthDate'] = 'Saisissez une date de naissance valide (jj/mm/aaaa).';
  // A slip of the year, most often: said as it is, not as a malformed date.
  else if (birth >= todayInParis())
    e['beneficiary.birthDate'] = 'La date de naissance est aujourd’hui ou à venir : vérifiez l’année.';
  if (!v['beneficiary.communeCode'])
    e['beneficiary.communeCode'] = restricted
      ? 'Choisissez la commune de résidence dans la liste. Seules les communes du territoire de ce carnet y sont : une personne qui habite ailleurs ne peut pas le recevoir.'
      : 'Recherchez la commune puis choisissez-la dans la liste.';
  if (!v['beneficiary.audience']) e['beneficiary.audience'] = 'Choisissez le public du bénéficiaire.';
  return e;
}

/**
 * A name as it was meant: two cells pasted from a spreadsheet come with a tab between them,
 * a line break from a document; the server takes one line of text, so both become a space.
 */

export function toHandOutInput(v: HandOutValues): HandOutInput {
  return {
    serial: normalizeSerial(v.serial),
    beneficiary: {
      firstName: oneLine(v['beneficiary.firstName']),
      lastName: oneLine(v['beneficiary.lastName']),
      birthDate: v['beneficiary.birthDate'],
      communeCode: v['beneficiary.communeCode'],
      audience: v['beneficiary.audience'],
    },
  };
}

/**
 * What the desk reads once the booklet is handed out. A retry whose first request was recorded
 * (its answer lost: « Impossible de joindre le serveur… ») is said to have gone through, with
 * the day it was: the agent who pressed again must not think it failed, nor hand out another.
 */
export function handedOutText(result: HandOutResult, name: string): string {
  const valid = `Ses pass sont valables du ${formatDate(result.validFrom)} au ${formatDate(result.validUntil)}.`;
  return result.alreadyRecorded
    ? `Ce carnet a bien été remis à ${name} le ${formatDate(result.validFrom)} (votre première demande avait abouti). ${valid}`
    : `Le carnet ${result.serial} a été remis à ${name}. ${valid}`;
}
