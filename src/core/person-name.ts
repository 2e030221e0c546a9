/**
 * A person's name as an agent types or pastes it at a desk. Control characters are refused
 * everywhere (core/text.ts); a name also refuses the characters that show as nothing or turn
 * the text around (zero-width spaces, direction overrides: pasted from another program, they
 * make a name look empty or reversed on the next agent's list), and must hold a letter: a name
 * of dashes or dots shows as nothing and folds into one person with every other such name
 * (the beneficiaries' key folds the separators). Pure.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

/**
 * Letters of any script with their accents, digits, and what separates a name's parts. Anything
 * else (a symbol, an emoji) is no part of a name, and the beneficiaries' key, which folds the
 * separators only, would make the same person another one with it: « d’Alembert 😀 » was given a
 * second booklet beyond the allowance of « D'ALEMBERT ».
 */
const NAME_PART = /[\p{L}\p{M}\p{Nd}\s'’ʼ.\-‐‑–]/u;

export function personNameFault(name: string): string | null {
  if (INVISIBLE.test(name))
    return 'Ce nom contient un caractère invisible (venu d’un copier-coller) : effacez le champ et tapez le nom.';
  if (!/\p{L}/u.test(name)) return 'Un nom compte au moins une lettre.';
  const foreign = [...new Set([...name].filter((ch) => !NAME_PART.test(ch)))];
  if (foreign.length)
    return `Un nom ne contient ni symbole ni émoji, seulement des lettres, des espaces, des traits d’union, des apostrophes et des points : retirez « ${foreign.join(' ')} ».`;
  return null;
}
