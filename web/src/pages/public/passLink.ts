import { frenchDate } from '../../../../src/core/dates';
import { PASS_CODE_LENGTH, type parsePassCode } from '../../../../src/core/pass-code';

/*
 * The words of a pass's QR page (/p/<code>) that depend on what its link holds. The page tells
 * nothing of the pass itself (used, blocked, valid): anyone who has seen the code may open it.
 */

type Refused = Extract<ReturnType<typeof parsePassCode>, { ok: false }>;

/**
 * What a link whose code cannot be a pass's says: a misread character, a code cut short (a QR
 * code half read), or something else than a code (3,000 characters were said to be « incomplet »).
 */
export function malformedLink(code: string, reason: Refused['reason']): string {
  const what =
    reason === 'bad_check' || reason === 'bad_characters'
      ? 'Le code de ce lien comporte une erreur'
      : reason === 'bad_length' && code.replace(/[^0-9a-z]/gi, '').length < PASS_CODE_LENGTH
        ? 'Le code de ce lien est incomplet'
        : 'Ce lien ne contient pas un code de pass valide';
  return `${what} : présentez le pass imprimé.`;
}

/**
 * The programme's last day of use, worded as the programme's and not the pass's: « Ses pass
 * s’utilisent jusqu’au 31 décembre 2027 », in bold, read as « this pass works until » for a
 * pass already used or a booklet blocked. `null` without a last day.
 */
export function programmeEnd(usableUntil: string | null, today: string): string | null {
  if (usableUntil === null) return null;
  const last = `Dernier jour d’utilisation des pass de ce dispositif : le ${frenchDate(usableUntil)}.`;
  return usableUntil < today
    ? `${last} Ses pass ne peuvent plus servir.`
    : `${last} D’ici là, chaque pass sert une seule fois, et seulement si son carnet n’a pas été bloqué.`;
}
