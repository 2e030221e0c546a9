import { type PassCodeParse, parsePassCode } from '../../../../src/core/pass-code';
import { REFUSAL_MESSAGES } from '../../../../src/core/session';

type Reason = Extract<PassCodeParse, { ok: false }>['reason'];

const SYMBOLS = 14;

/** The letters and digits typed, separators and stray signs aside. */
const typedCount = (input: string) => input.replace(/[^0-9a-z]/gi, '').length;

/** The code's own letters and digits: of a pasted link, those after its « /p/ » (as the parser reads it). */
const codeCount = (input: string) => typedCount(input.replace(/^.*\/p\//is, '').replace(/[?#].*$/s, ''));

/**
 * A scanner set for a QWERTY keyboard, on an AZERTY computer, types each key's AZERTY sign: a
 * link's « http:// » comes as « httpM!! », the digits as the signs above them (& é " ' ( è ç à,
 * « - » as « ) »). The desk said a character exists in no pass: true, and no help.
 */
const QWERTY_LINK = /https?m!!/i;
const QWERTY_DIGITS = /[&é"'(èçà)]/g;
/** Three: a code has three or four digits on average; a person's slip, one. */
const QWERTY_DIGITS_MIN = 3;

const looksQwerty = (input: string) =>
  QWERTY_LINK.test(input) || (input.match(QWERTY_DIGITS)?.length ?? 0) >= QWERTY_DIGITS_MIN;

const QWERTY_SCANNER =
  'Le lecteur de codes semble réglé pour un clavier QWERTY : réglez-le en AZERTY (voir sa notice), ou saisissez le code à la main.';

/** Says what to look at on the paper pass, in the order the parser finds the problems. */
function message(reason: Reason, input: string): string {
  switch (reason) {
    case 'empty':
      return 'Saisissez le code du pass : 14 caractères, écrits sous le QR code.';
    case 'bad_characters':
      return 'Ce code contient un caractère qui n’existe dans aucun pass (les codes n’ont ni O, ni I, ni L, ni 0, ni 1). Vérifiez chaque caractère.';
    case 'bad_length': {
      // Counting is only meaningful for a typed code, not for a pasted link.
      const typed = input.includes('/') ? null : typedCount(input);
      const count = typed === null ? '' : ` Vous en avez saisi ${typed}.`;
      const rule = `${SYMBOLS} caractères, sans les tirets.${count}`;
      return codeCount(input) > SYMBOLS
        ? `Ce code est trop long : un code de pass compte ${rule}`
        : `Un code de pass compte ${rule}`;
    }
    case 'bad_check':
      return REFUSAL_MESSAGES.malformed_code;
  }
}

/**
 * Checks a typed or scanned code in the browser before any request: the check symbol
 * catches every single typo, so the person typing hears about it at once, and no
 * misreading spends a guess of the place (at the desk) or of the address (a beneficiary).
 */
export function readCode(
  input: string,
): { ok: true; code: string } | { ok: false; error: string; whole: boolean } {
  const parsed = parsePassCode(input);
  if (!parsed.ok && looksQwerty(input)) return { ok: false, error: QWERTY_SCANNER, whole: true };
  return parsed.ok
    ? parsed
    : // `whole`: all 14 characters are there and one is wrong (the check symbol disagrees, or a
      // letter no code has), or more than 14 are: a typo to show at once (a caret left mid-code
      // made two codes one, said nothing until « Vérifier »). Other problems may only mean the
      // person (or the scanner) has not finished.
      {
        ok: false,
        error: message(parsed.reason, input),
        whole:
          parsed.reason === 'bad_check' ||
          (parsed.reason === 'bad_characters' && typedCount(input) >= SYMBOLS) ||
          (parsed.reason === 'bad_length' && codeCount(input) > SYMBOLS),
      };
}

/**
 * What the code field holds once `next` replaced `previous` in it: what was typed into a whole,
 * well-formed code is a new code, alone. A scanner types where the caret is: after a pass was
 * checked, a click that put it at the start or mid-code made the new link and the old one one
 * text, and the desk read the old pass (« Pass valable », or « déjà encaissé par votre lieu »
 * about the one just redeemed). A code that is not whole yet, or not right, is edited as typed;
 * deleting from a whole code, or typing over a selection of it, too.
 */
export function typedAnew(previous: string, next: string): string {
  const held = readCode(previous);
  if (next.length <= previous.length || !held.ok) return next;
  // Dashes or spaces put into it: the same code.
  const now = readCode(next);
  if (now.ok && now.code === held.code && !next.includes('/')) return next;
  let start = 0;
  while (start < previous.length && previous[start] === next[start]) start++;
  let end = 0;
  while (end < previous.length - start && previous.at(-1 - end) === next.at(-1 - end)) end++;
  // Something of the code was replaced, not only added to: the person's own edit.
  if (start + end < previous.length) return next;
  return next.slice(start, next.length - end);
}
