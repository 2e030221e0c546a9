/**
 * A person's name as an agent types or pastes it at a desk. Control characters are refused
 * everywhere (core/text.ts); a name also refuses the characters that show as nothing or turn
 * the text around (zero-width spaces, direction overrides: pasted from another program, they
 * make a name look empty or reversed on the next agent's list), and must hold a letter: a name
 * of dashes or dots shows as nothing and folds into one person with every other such name
 * (the beneficiaries' key keeps letters only). Pure.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

export function personNameFault(name: string): string | null {
  if (INVISIBLE.test(name))
    return 'Ce nom contient un caractère invisible (venu d’un copier-coller) : effacez le champ et tapez le nom.';
  if (!/\p{L}/u.test(name)) return 'Un nom compte au moins une lettre.';
  return null;
}
