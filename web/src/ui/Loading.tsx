import { fr } from '@codegouvfr/react-dsfr';

/** A polite status message: screen readers hear that something is loading. */
export function Loading({ what = 'Chargement…' }: { what?: string }) {
  return (
    <p role="status" className={fr.cx('fr-my-4w')}>
      {what}
    </p>
  );
}
