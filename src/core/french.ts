/**
 * French elides a short word before a vowel: « en tant qu’administrateur », « un agent
 * d’Antenne régionale », « de Mission locale ». Names and labels are joined to the words before
 * them through here, so that no message, e-mail or page says « que administrateur » or « de
 * Association ». A name is the user's, so its first word decides: a vowel elides (accents
 * aside: « Établissement », « Île-de-France »), and so does a mute h (« d’Habitat… »,
 * « d’Hôpital… »); an aspirate h does not (« de Hauts-de-France »), hence a short list of the
 * first words of French organisations with a mute h rather than a rule.
 * A Y before a consonant, or alone, sounds « i », a vowel: « d’Yvetot », « d’Ypres », « d’Ys »,
 * « d’Y » (the commune of the Somme). Before a vowel it sounds « ye », a consonant, and mostly
 * does not elide: « de Yaoundé ». The few place names that do (« d’Yerres », « l’Yonne ») are
 * left as they are: no rule tells them apart.
 */
const VOWEL = /^[aeiouœæ]/i;
const Y_AS_VOWEL = /^y(?![aeiouy])/i;
const MUTE_H =
  /^(habitat|habitation|harmonie|hebergement|heritage|histoire|homme|hopita|hospita|hotel|huma|hygien|horizon)/i;

function elides(next: string): boolean {
  const plain = next.normalize('NFD').replace(/\p{M}/gu, '');
  return VOWEL.test(plain) || Y_AS_VOWEL.test(plain) || MUTE_H.test(plain);
}

export function elide(word: 'que' | 'de' | 'le' | 'la', next: string): string {
  const text = next.trimStart();
  return elides(text) ? `${word.slice(0, -1)}’${text}` : `${word} ${text}`;
}

/**
 * What a person typed, as it is kept: on one line, each run of spaces, tabs or line breaks made
 * one space, the ends trimmed (« Caisse  accueil » and « Caisse accueil » are one name).
 */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Lower case, no accents, punctuation as spaces: how people's spellings are compared. */
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** « de » before an organisation's name: « un agent d’Antenne régionale ». */
export const deName = (name: string): string => elide('de', name);

/**
 * The order of a French list of names: « Médiathèque » before « Mission », case and accents
 * aside, numbers by value. The database's collation (C in the embedded server) orders by code
 * point, which puts every accented letter after z.
 */
export const frenchOrder = new Intl.Collator('fr', { sensitivity: 'base', numeric: true }).compare;

export const byFrenchName = <T extends { name: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => frenchOrder(a.name, b.name));

/** French counts 0 and 1 in the singular: « 0 carnet », « 1 pass activé », « 2 carnets ». */
export const agree = (n: number, singular: string, plural: string): string =>
  Math.abs(n) >= 2 ? plural : singular;

/** A score or a pass mark: « 1 point », « 10 points ». */
export const points = (n: number): string => `${n} ${agree(n, 'point', 'points')}`;
