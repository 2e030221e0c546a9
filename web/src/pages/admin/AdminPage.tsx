import { fr } from '@codegouvfr/react-dsfr';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { Trail } from '../funder/AuditPage';
import { AccountLookupSection } from './AccountLookupSection';
import { CreateFunderForm } from './CreateFunderForm';
import { FunderList } from './FunderList';

/** Platform administration: the funders hosted on this instance, and onboarding a new one. */
export function AdminPage() {
  useDocumentTitle('Administration de la plateforme');
  return (
    <>
      <h1>Administration de la plateforme</h1>
      {/* The form comes after a list of 80 funders: reached from here in one step. */}
      <p>
        <a className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-mr-2w')} href="#nouveau-financeur">
          Créer un financeur
        </a>
        <a className={fr.cx('fr-btn', 'fr-btn--tertiary')} href="#trouver-compte">
          Trouver un compte
        </a>
      </p>
      <FunderList />
      <AccountLookupSection />
      <CreateFunderForm />
      <section aria-labelledby="journal-plateforme" className={fr.cx('fr-mt-6w')}>
        <h2 id="journal-plateforme">Journal de la plateforme</h2>
        <p>
          Ce qui ne relève d’aucun financeur : les événements des comptes (connexions, échecs de connexion,
          blocages, déconnexions, mots de passe), les consultations de l’assistance, les clés d’API, et
          l’inscription, la fiche et l’équipe des lieux que nul financeur n’a encore retenus. Les heures sont
          celles de Paris.
        </p>
        <Trail funderId={null} />
      </section>
    </>
  );
}
