/**
 * Booklet serials as printed on the cover ("P1A2B3-0000001-8"), but typed or scanned with
 * spaces, dashes or lower case. The server is the judge (it checks the last digit); this
 * only tidies the input so it matches the stock shown on screen and reads well in a URL.
 */
export function normalizeSerial(raw: string): string {
  const text = raw.replace(/[\s\-._\u2010-\u2015\u2212]+/g, '').toUpperCase();
  const m = /^([A-Z0-9]{3,6})(\d{7})(\d)$/.exec(text);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : raw.trim();
}

const CANONICAL = /^[A-Z0-9]{3,6}-\d{7}-\d$/;

/** A French message when the input cannot be a serial at all, or undefined; the server checks the last digit. */
export function serialProblem(raw: string, missing = 'Indiquez le numéro du carnet.'): string | undefined {
  if (!raw.trim()) return missing;
  if (!CANONICAL.test(normalizeSerial(raw)))
    return 'Numéro de carnet illisible : vérifiez-le sur la couverture (par exemple P1A2B3-0000001-8).';
  return undefined;
}
