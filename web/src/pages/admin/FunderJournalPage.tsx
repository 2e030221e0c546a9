import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import { useFunders } from '../../api/funders';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { Trail } from '../funder/AuditPage';

/**
 * A funder's journal for the platform admin, as its team reads it: the helpdesk asked « who
 * cancelled this redemption at the Région? » had to call the API. No integrity check here: the
 * chain is the platform's, which the operator checks with `npm run cli -- audit verify`.
 */
export function FunderJournalPage({ funderId }: { funderId: string }) {
  const funders = useFunders();
  const funder = funders.data?.find((f) => f.id === funderId);
  const missing = funders.isSuccess && !funder;
  useDocumentTitle(
    funder ? `Journal de ${funder.name}` : missing ? 'Financeur introuvable' : 'Journal d’un financeur',
  );
  const back = (
    <p>
      <Link to="/admin" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
        Retour à l’administration
      </Link>
    </p>
  );
  if (funders.isPending) return <Loading what="Chargement du financeur…" />;
  if (funders.isError)
    return (
      <>
        {back}
        <QueryError error={funders.error} what="La liste des financeurs" />
      </>
    );
  if (!funder)
    return (
      <>
        {back}
        <h1>Financeur introuvable</h1>
        <p>Aucun financeur de cette plateforme ne porte cet identifiant.</p>
      </>
    );
  return (
    <>
      {back}
      <h1>Journal de {funder.name}</h1>
      <p>
        Les entrées de ce financeur telles que son équipe les lit, des plus récentes aux plus anciennes. Les
        heures sont celles de Paris.
      </p>
      <Trail funderId={funder.id} />
    </>
  );
}
