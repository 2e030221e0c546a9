import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useNavigate } from '@tanstack/react-router';
import { ApiError } from '../../api/client';
import { useConfirmPlaceRegistration } from '../../api/placeProfiles';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

/**
 * The link of the registration's e-mail. Confirming takes a click rather than happening on
 * opening: mail filters open the links they carry, and would otherwise confirm in the
 * person's stead.
 */
export function PlaceRegistrationConfirmPage({ token }: { token: string }) {
  useDocumentTitle('Confirmer l’inscription du lieu');
  const confirm = useConfirmPlaceRegistration();
  const navigate = useNavigate();
  const error = confirm.error;

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <h1>Confirmer l’inscription du lieu</h1>
        {error ? (
          <>
            <Alert
              severity="error"
              small
              description={
                error instanceof ApiError ? error.detail : 'Une erreur inattendue est survenue. Réessayez.'
              }
              className={fr.cx('fr-mb-3w')}
            />
            <p>
              <a className={fr.cx('fr-link')} href="/lieux/inscription">
                Recommencer l’inscription
              </a>
            </p>
            <p>
              <a className={fr.cx('fr-link')} href="/connexion">
                Se connecter
              </a>
            </p>
          </>
        ) : (
          <>
            <p>
              En confirmant, vous créez le lieu tel que vous l’avez décrit et votre compte d’administrateur du
              lieu, avec le mot de passe choisi dans le formulaire. Vous serez connecté aussitôt.
            </p>
            <Button
              disabled={confirm.isPending}
              onClick={() => confirm.mutate(token, { onSuccess: () => void navigate({ to: '/lieu' }) })}
            >
              Confirmer l’inscription
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
