import { fr } from '@codegouvfr/react-dsfr';
import { usePlaceProfile } from '../../../api/placeProfiles';

/**
 * On the desk of a place that has no description yet (a funder created and invited it), its
 * admin is asked to complete it: without it the place is missing from the directory.
 */
export function ProfileNotice({ placeId }: { placeId: string }) {
  const profile = usePlaceProfile(placeId);
  if (!profile.data || profile.data.profile) return null;
  return (
    <div className={fr.cx('fr-notice', 'fr-notice--info', 'fr-mb-4w')}>
      <div className={fr.cx('fr-container')}>
        <div className={fr.cx('fr-notice__body')}>
          <p className={fr.cx('fr-notice__title')}>
            La fiche de votre lieu est à compléter : adresse, horaires, services.{' '}
            <a className={fr.cx('fr-link')} href="/lieu/profil">
              Compléter la fiche du lieu
            </a>
          </p>
        </div>
      </div>
    </div>
  );
}
