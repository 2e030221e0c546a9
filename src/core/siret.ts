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
