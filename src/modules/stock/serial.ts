import { invalid } from '../../core/errors.js';
import { parseBookletSerial } from '../../core/pass-code.js';

/** A booklet serial as typed or scanned, canonical, or a field error in French. */
export function serialOf(input: string, field: string): string {
  const parsed = parseBookletSerial(input);
  if (!parsed.ok)
    throw invalid([{ field, message: 'Numéro de carnet illisible : vérifiez-le sur la couverture.' }]);
  return parsed.serial;
}
