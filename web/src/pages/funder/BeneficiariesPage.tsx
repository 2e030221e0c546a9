import { useSession } from '../../api/session';
import { FunderBreadcrumb } from '../../ui/FunderBreadcrumb';
import { funderMembership } from '../../ui/roles';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { AdminOnly } from './AdminOnly';
import { PeopleSearch } from './beneficiaries/PeopleSearch';
import { VIEWER_NOTICE } from './beneficiaries/person';

const TITLE = 'Bénéficiaires';

/**
 * Where the funder's admins answer a person who asks to see, or to have erased, what the
 * funder holds about them (RGPD): find the person, then open their page.
 */
export function BeneficiariesPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const membership = funderMembership(session);
  if (!membership) return null;
  return (
    <>
      <FunderBreadcrumb current={TITLE} />
      <h1>{TITLE}</h1>
      <AdminOnly funderId={membership.funderId} description={VIEWER_NOTICE}>
        <p>
          Une personne qui a reçu un carnet de pass peut demander au financeur de voir tout ce qu’il conserve
          sur elle, ou de le faire effacer. Retrouvez-la ici par son nom ou par le numéro d’un de ses carnets,
          puis ouvrez sa fiche : vous pourrez lui remettre ses données, ou les effacer.
        </p>
        <p>
          Ne cherchez que la personne qui vous a fait la demande : chaque recherche lit des données
          personnelles, et chaque consultation d’une fiche est inscrite au journal des actions.
        </p>
        <PeopleSearch funderId={membership.funderId} />
      </AdminOnly>
    </>
  );
}
