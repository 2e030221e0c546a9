import { fr } from '@codegouvfr/react-dsfr';

/**
 * A large issue takes seconds (codes drawn, thousands of rows written): say the work is under
 * way. The status region is always there so that its new text is announced when it appears.
 */
export function IssueProgress({ pending }: { pending: boolean }) {
  return (
    <div role="status" className={fr.cx('fr-my-2w')}>
      {pending && (
        <>
          <p id="emission-en-cours" className={fr.cx('fr-mb-1w')}>
            Émission en cours… Une émission importante prend quelques secondes.
          </p>
          {/* No value: an indeterminate bar, since the server reports no progress over HTTP. */}
          <progress aria-labelledby="emission-en-cours" style={{ width: '100%', maxWidth: '24rem' }} />
        </>
      )}
    </div>
  );
}
