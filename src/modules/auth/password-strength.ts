import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
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
  const result = (await loadEstimator()).check(password, userInputs(personal));
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning ?? result.feedback.suggestions[0];
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
