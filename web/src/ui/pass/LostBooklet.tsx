import { fr } from '@codegouvfr/react-dsfr';

/*
 * What to do when a booklet is lost, said where a person holding a pass comes: the signed-in
 * beneficiary's home, the pass's QR page and the sign-in page's box for visitors with a pass
 * (it was said on the first only, which a daughter helping her father, with no account, never
 * sees). One text, so that the three places cannot drift apart.
 */

export const LOST_BOOKLET_QUESTION = 'Vous avez perdu votre carnet ?';
export const LOST_BOOKLET_ADVICE =
  'Prévenez vite la structure qui vous a remis votre carnet. Elle peut le bloquer, pour que personne d’autre n’utilise vos pass, et vous donner un nouveau carnet.';

/**
 * The question as a heading and the advice below it; `inline`, the question in bold at the
 * start of one paragraph (in a callout, whose own heading is the box's).
 */
export function LostBooklet({ inline = false, className }: { inline?: boolean; className?: string }) {
  if (inline)
    return (
      <p className={className}>
        <strong>{LOST_BOOKLET_QUESTION}</strong> {LOST_BOOKLET_ADVICE}
      </p>
    );
  return (
    <>
      <h2 className={className ?? fr.cx('fr-mt-6w')}>{LOST_BOOKLET_QUESTION}</h2>
      <p>{LOST_BOOKLET_ADVICE}</p>
    </>
  );
}
