import type { MatchExtended, ZxcvbnFactory } from '@zxcvbn-ts/core';
import { type FieldIssue, invalid } from '../../core/errors.js';

export const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn's score: 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
const MIN_SCORE = 3;

/*
 * zxcvbn's dictionaries (common passwords, names, French and common words) weigh several
 * megabytes: they are loaded once, on the first password set, not at start nor in the web
 * bundle (the web form shows the server's answer).
 */
let estimator: Promise<ZxcvbnFactory> | undefined;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [core, common, fr] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-fr'),
    ]);
    return new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...fr.dictionary },
      graphs: common.adjacencyGraphs,
      translations: fr.translations,
    });
  })();
  estimator.catch(() => {
    estimator = undefined;
  });
  return estimator;
}

/** The parts of an e-mail and a name a guesser would try first (the e-mail without its TLD too). */
function userInputs(personal: string[]): string[] {
  const words = personal.flatMap((p) => {
    const lower = p.toLowerCase();
    const local = lower.split('@')[0]!;
    return [lower, local, lower.replace(/\.[^.@]+$/, ''), ...lower.split(/[^\p{L}\p{N}]+/u)];
  });
  return [...new Set(words.filter((w) => w.length >= 3))];
}

/** Letters and digits only, lower case: « Paul.Durand-Faubourg2 » and the address compare alike. */
const bare = (s: string) => s.toLocaleLowerCase('fr').replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Whether the password is the address or the name typed again with other separators
 * (« paul.durand-faubourg2 » for paul.durand@faubourg2.fr), or a piece of one: zxcvbn scored
 * such passwords strong, its dictionary of the person's words matching the address whole only.
 */
function retypesPersonal(password: string, personal: string[]): boolean {
  const typed = bare(password);
  return typed.length >= 6 && personal.some((p) => bare(p).includes(typed));
}

/** The patterns zxcvbn finds in letters that a guesser runs through by rote: words, keyboard rows, runs. */
const ROTE = new Set(['dictionary', 'spatial', 'sequence']);

/**
 * Whether the password is one word of the lists (or a keyboard row) dressed with digits, a
 * year, a date or punctuation, the word maybe capitalised, in leetspeak or typed twice:
 * « Motdepasse2024! », « M0tDeP@sse!2024 », « Soleil#19841984 ». zxcvbn scored such passwords
 * 3 and more, counting the year and the « ! » as if guessed blindly, while they are the first
 * thing a guesser tries after the word. The parts without letters are the dressing; the words
 * are what zxcvbn matched in the rest. Two words or more, or letters in no pattern, are left
 * to zxcvbn's score: « cerisier tilleul boussole 42 » stays a good password.
 */
function oneDressedWord(estimator: ZxcvbnFactory, sequence: MatchExtended[]): boolean {
  const words = new Set<string>();
  const collect = (matches: MatchExtended[]): boolean =>
    matches.every((m) => {
      if (!/\p{L}/u.test(m.token)) return true;
      // « Motdepasse2024!Motdepasse2024! »: what is repeated is what counts.
      if (m.pattern === 'repeat' && typeof m.baseToken === 'string')
        return collect(estimator.check(m.baseToken).sequence);
      if (!ROTE.has(m.pattern)) return false;
      words.add(typeof m.matchedWord === 'string' ? m.matchedWord : m.token.toLocaleLowerCase('fr'));
      return true;
    });
  return collect(sequence) && words.size === 1;
}

/** zxcvbn's French warnings end without a full stop: « …faciles à deviner Choisissez… » read as one sentence. */
const sentence = (s: string) => (/[.!?…]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/**
 * Why a new password is refused, or null when it is long and hard enough to guess. `personal`
 * are the account's e-mail and name, which make a password guessable.
 */
export async function passwordWeakness(password: string, personal: string[]): Promise<string | null> {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `Le mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères.`;
  if (retypesPersonal(password, personal))
    return 'Le mot de passe est trop facile à deviner : il reprend votre adresse électronique ou votre nom. Choisissez par exemple une phrase de plusieurs mots sans rapport entre eux.';
  const estimator = await loadEstimator();
  const result = estimator.check(password, userInputs(personal));
  const dressed = result.score >= MIN_SCORE && oneDressedWord(estimator, result.sequence);
  if (result.score >= MIN_SCORE && !dressed) return null;
  const why = dressed
    ? 'Un mot courant suivi ou précédé de chiffres, d’une année ou de ponctuation se devine vite.'
    : (result.feedback.warning ?? result.feedback.suggestions[0]);
  return [
    'Le mot de passe est trop facile à deviner.',
    why && sentence(why),
    'Choisissez par exemple une phrase de plusieurs mots sans rapport entre eux.',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Throws a 422 naming `field` when the password is too short or too easy to guess. */
export async function requireStrongPassword(
  password: string,
  personal: string[],
  field = 'password',
): Promise<void> {
  const weakness = await passwordWeakness(password, personal);
  if (weakness) {
    const issue: FieldIssue = { field, message: weakness };
    throw invalid([issue]);
  }
}
