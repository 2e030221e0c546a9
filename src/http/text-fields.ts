import { z } from 'zod';

/**
 * The strings of the request schemas that may span several lines. Every other string of
 * every route is one line: `http/validation.ts` refuses tabs and line breaks in it, and
 * control characters and lone surrogates everywhere (see `core/text.ts`).
 */
export const multilineFields = z.registry<{ multiline: true }>();

/** A trimmed multi-line text of at most `max` characters: a deliberation, a reason. */
export function multilineText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .meta({ description: 'Texte libre : retours à la ligne et tabulations permis.' })
    .register(multilineFields, { multiline: true });
}
