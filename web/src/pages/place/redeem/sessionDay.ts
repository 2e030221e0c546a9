import { isIsoDay } from '../../../lib/format';

/**
 * Before this year, a date is a slip of the keyboard (« 0011 » for « 2011 »): the date field
 * gives years such as 0002, 0020 and 0202 while the person types 2026, one digit at a time.
 */
const FIRST_YEAR = 2000;

/**
 * What is wrong with the session's date as typed ('' while a part of it is empty), in words
 * that name the field; undefined when it may be sent. The server judges the rest (the
 * programme's usage end and tolerance period).
 */
export function sessionDayProblem(day: string, today: string): string | undefined {
  if (day === '')
    return 'La date de la séance est incomplète : indiquez le jour, le mois et l’année (jj/mm/aaaa).';
  if (!isIsoDay(day) || Number(day.slice(0, 4)) < FIRST_YEAR)
    return 'La date de la séance n’est pas valide : saisissez-la au format jj/mm/aaaa, par exemple 25/11/2026.';
  if (day > today) return 'La date de la séance ne peut pas être après aujourd’hui.';
  return undefined;
}

/**
 * The earlier day the desk checks and records passes on, said beside the field; null for today
 * and for a date it refuses (a scan typed into the field gave 26/03/1764, and the desk said
 * « Séance d’un jour passé : le 26 mars 1764. » as if it would record it).
 */
export function earlierDay(day: string, today: string): string | null {
  return day < today && sessionDayProblem(day, today) === undefined ? day : null;
}
