import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useSession } from '../../api/session';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

/** Signed in, but no console exists yet for the user's roles (prescriber, place, beneficiary). */
export function NoSpacePage() {
  useDocumentTitle('Mon espace');
  const { data: session } = useSession();
  return (
    <>
      <h1>Bienvenue{session ? `, ${session.user.displayName}` : ''}</h1>
      <Alert
        severity="info"
        as="h2"
        title="Aucun espace disponible"
        description="Votre compte n’a pas encore d’espace sur cette plateforme pour votre rôle. Contactez l’administrateur qui vous a invité·e."
      />
    </>
  );
}
