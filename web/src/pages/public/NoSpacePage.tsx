import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useSession } from '../../api/session';
import { isBeneficiary } from '../../ui/roles';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { BeneficiaryHome } from './BeneficiaryHome';

/**
 * Signed in without a console of a role (funder, prescriber, place, operator): a beneficiary
 * finds where to use a pass; anyone else is told that no space is open to them (not yet, or
 * no longer: an admin ended their access).
 */
export function NoSpacePage() {
  useDocumentTitle('Mon espace');
  const { data: session } = useSession();
  const name = session?.user.displayName;
  if (isBeneficiary(session)) return <BeneficiaryHome name={name} />;
  return (
    <>
      <h1>Bienvenue{name ? `, ${name}` : ''}</h1>
      <Alert
        severity="info"
        as="h2"
        title="Aucun espace disponible"
        description="Votre compte ne donne accès à aucun espace : votre invitation n’a pas encore été acceptée, ou votre accès a été retiré par l’administrateur de votre structure. Adressez-vous à lui."
      />
    </>
  );
}
