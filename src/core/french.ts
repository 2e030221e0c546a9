/**
 * French elides a short word before a vowel: « en tant qu’administrateur », « un agent
 * d’Antenne Nord ». Names and labels are joined to the words before them through here, so
 * that no message says « que administrateur » or « de Association ». (A mute h is left alone:
 * whether it elides depends on the word.)
 */
const VOWEL = /^[aàâäeéèêëiîïoôöuùûüy]/i;

export function elide(word: 'que' | 'de' | 'le' | 'la', next: string): string {
  return VOWEL.test(next) ? `${word.slice(0, -1)}’${next}` : `${word} ${next}`;
}
