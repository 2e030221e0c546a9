/**
 * The SEPA Latin character set (EPC "Best practices" for the XML of SEPA transfers): the only
 * characters every bank of the SEPA zone must carry in names and remittance information.
 * French names are full of what it lacks (é, ç, œ, &, « »): rather than let a bank reject the
 * file or print "?" on a place's bank statement, every text is transliterated first.
 * Pure: no I/O.
 */

const ALLOWED = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

/** Letters the decomposition (NFD) does not reduce to a base letter, and signs worth a word. */
const SPECIAL: Record<string, string> = {
  œ: 'oe',
  Œ: 'OE',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'TH',
  '&': ' et ',
  '@': ' a ',
  '€': ' EUR ',
  '’': "'",
  '‘': "'",
  '`': "'",
  '´': "'",
  '«': "'",
  '»': "'",
  '“': "'",
  '”': "'",
  '"': "'",
  '–': '-',
  '—': '-',
  '‐': '-',
  _: '-',
  '°': 'o',
  ';': ',',
  '!': '.',
  '…': '...',
};

/** True when `text` holds only SEPA characters. */
export function isSepaText(text: string): boolean {
  return ALLOWED.test(text);
}

/**
 * `text` in the SEPA character set, cut to `max` characters (the schema's limit of the field):
 * accents dropped (é→e, ç→c), ligatures spelled out (œ→oe), & written "et", anything else a
 * space; spaces collapsed and trimmed. May be empty: the caller decides what then.
 */
export function toSepaText(text: string, max: number): string {
  let out = '';
  // French puts a space inside guillemets: « mot » becomes 'mot', not ' mot '.
  const tight = text.replace(/«[\s\u00A0\u202F]*/g, '«').replace(/[\s\u00A0\u202F]*»/g, '»');
  for (const char of tight) {
    const special = SPECIAL[char];
    if (special !== undefined) {
      out += special;
      continue;
    }
    const base = char.normalize('NFD').replace(/\p{M}/gu, '');
    out += ALLOWED.test(base) ? base : ' ';
  }
  return out.replace(/\s+/g, ' ').trim().slice(0, max).trim();
}
