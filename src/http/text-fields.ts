import { z } from 'zod';

/**
 * The strings of the request schemas that may span several lines. Every other string of
 * every route is one line: `http/validation.ts` refuses tabs and line breaks in it, and
 * control characters and lone surrogates everywhere (see `core/text.ts`).
 */
export const multilineFields = z.registry<{ multiline: true }>();

/**
 * A trimmed multi-line text of at most `max` characters: a deliberation, a reason (a box of
 * several lines in the web app, where people write lists). `errors` says in French what is
 * wrong when it is missing or too long.
 */
export function multilineText(max: number, errors: { missing?: string; tooLong?: string } = {}) {
  return z
    .string(errors.missing ? { error: errors.missing } : undefined)
    .trim()
    .max(max, errors.tooLong ? { error: errors.tooLong } : undefined)
    .meta({ description: 'Texte libre : retours à la ligne et tabulations permis.' })
    .register(multilineFields, { multiline: true });
}

/**
 * An e-mail address typed or pasted (spaces around it dropped, as from a message), checked
 * with a French message naming what to fix.
 */
export function emailAddress() {
  return z
    .string({ error: 'Indiquez une adresse électronique.' })
    .trim()
    .max(254, { error: 'Une adresse électronique compte au plus 254 caractères.' })
    .check(
      z.email({ error: 'Adresse électronique invalide : vérifiez-la (exemple : prenom.nom@exemple.fr).' }),
    );
}
