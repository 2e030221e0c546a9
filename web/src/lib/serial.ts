import { parseBookletSerial } from '../../../src/core/pass-code';

/**
 * Booklet serials as printed on the cover ("C00001-0000001-8"), but typed or scanned with
 * spaces, dashes or lower case. This tidies the input so it matches the stock shown on screen
 * and reads well in a URL; serialProblem says at once what the server would refuse.
 */
export function normalizeSerial(raw: string): string {
  const text = raw.replace(/[\s\-._\u2010-\u2015\u2212]+/g, '').toUpperCase();
  const m = /^([A-Z0-9]{3,6})(\d{7})(\d)$/.exec(text);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : raw.trim();
}

const CANONICAL = /^[A-Z0-9]{3,6}-\d{7}-\d$/;

/** Whether the input has the shape of a serial (its last digit not checked). */
export function looksLikeSerial(raw: string): boolean {
  return CANONICAL.test(normalizeSerial(raw));
}

/**
 * A French message when the input cannot be a serial, or undefined. Its last digit is checked
 * against the seven before it (a Luhn digit, core/pass-code.ts), as the server does: a digit
 * mistyped is said at the field, before any confirmation is asked for. The server alone knows
 * whether the booklet exists.
 */
export function serialProblem(raw: string, missing = 'Indiquez le numéro du carnet.'): string | undefined {
  if (!raw.trim()) return missing;
  // « C00005-0000001 »: read as a whole it passes for a serial whose last digit is wrong (the
  // prefix may end in digits), but its dash says the check digit was left out.
  if (/^[A-Za-z0-9]{3,6}[\s\-._\u2010-\u2015\u2212]+\d{7}$/.test(raw.trim()))
    return 'Numéro de carnet incomplet : il manque son dernier chiffre, après le second tiret (par exemple C00001-0000001-8).';
  if (!looksLikeSerial(raw))
    return 'Numéro de carnet illisible : vérifiez-le sur la couverture (par exemple C00001-0000001-8).';
  if (!parseBookletSerial(normalizeSerial(raw)).ok)
    return 'Numéro de carnet erroné : son dernier chiffre ne correspond pas aux précédents. Vérifiez chaque chiffre sur la couverture.';
  return undefined;
}
