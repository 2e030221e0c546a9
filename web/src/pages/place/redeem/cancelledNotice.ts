import type { PassUnusableReason, Redemption } from '../../../api/types';

/** Why the pass may not be used again, after « mais le pass ne peut plus être utilisé : ». */
const UNUSABLE_BECAUSE: Record<Exclude<PassUnusableReason, 'redeemed_again'>, string> = {
  blocked: 'son carnet a été déclaré perdu ou volé',
  expired: 'il a expiré (sa date de fin de validité ou la fin d’utilisation du dispositif est passée)',
  cancelled: 'il a été annulé',
};

/**
 * What the desk says once a redemption is cancelled, and what became of its pass when the
 * answer says: usable again, or why not. A pass redeemed again since (by the place or by
 * another) read as a booklet declared lost or stolen; a reason this page does not know is
 * told as not usable, with no cause made up.
 */
export function cancelledNotice(
  code: string,
  pass: Pick<Redemption, 'passUsableAgain' | 'passUnusableReason'> | undefined,
): string {
  const done = `L’encaissement du pass ${code} est annulé`;
  if (pass === undefined || pass.passUsableAgain === null) return `${done}.`;
  if (pass.passUsableAgain) return `${done} : le pass peut de nouveau être utilisé.`;
  const reason = pass.passUnusableReason;
  if (reason === 'redeemed_again')
    return `${done} ; le pass a depuis été encaissé de nouveau, par votre lieu ou par un autre.`;
  const because =
    reason !== null && Object.hasOwn(UNUSABLE_BECAUSE, reason) ? UNUSABLE_BECAUSE[reason] : null;
  return because === null
    ? `${done}, mais le pass ne peut plus être utilisé.`
    : `${done}, mais le pass ne peut plus être utilisé : ${because}.`;
}
