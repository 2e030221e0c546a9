/**
 * A SIRET is 14 digits with a Luhn check digit. La Poste's establishments are the
 * documented exception (SIREN 356000000): their digits sum to a multiple of 5.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith('356000000')) {
    return [...value].reduce((sum, d) => sum + Number(d), 0) % 5 === 0;
  }
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(value[13 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Accepts the usual spellings ("130 020 597 00012") and keeps the digits. */
export const normaliseSiret = (value: string) => value.replace(/[\s.]/g, '');

/**
 * What is wrong with a SIRET typed (spaces and dots allowed), in French; null when it is one.
 * « 14 chiffres valides » told someone who had typed 14 digits nothing: a wrong last digit is
 * said to be a digit mistyped, as the IBAN's check is.
 */
export function siretProblem(typed: string): string | null {
  const siret = normaliseSiret(typed);
  if (isValidSiret(siret)) return null;
  if (!/^\d{14}$/.test(siret)) {
    const digits = siret.replace(/\D/g, '').length;
    return `Le SIRET compte 14 chiffres${/\D/.test(siret) ? ', sans lettre ni autre signe' : ''} : ${digits} ${digits > 1 ? 'chiffres saisis' : 'chiffre saisi'}.`;
  }
  return 'Ce SIRET n’existe pas : sa clé de contrôle ne correspond pas, un chiffre a pu être mal recopié (voir l’avis de situation INSEE).';
}
