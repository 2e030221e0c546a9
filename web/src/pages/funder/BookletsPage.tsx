import { fr } from '@codegouvfr/react-dsfr';
import { usePrescribers } from '../../api/passes';
import { useSession } from '../../api/session';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { HistoryLookup } from './booklets/HistoryLookup';
import { MoveForm } from './booklets/MoveForm';
import { PassLookup } from './booklets/PassLookup';

const TITLE = 'Mouvements des carnets';

/** The funder's booklets once allocated: move them between prescribers or back, and trace each one. */
export function BookletsPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const membership = funderMembership(session);
  if (!membership) return null;
  const admin = isFunderAdmin(session, membership.funderId);
  return (
    <>
      <h1>{TITLE}</h1>
      {membership.funderName && <p className={fr.cx('fr-text--lead')}>{membership.funderName}</p>}
      <p>
        Un carnet confié à un prescripteur peut passer à un autre prescripteur du financeur, ou revenir dans
        le stock du financeur tant qu’il n’a pas été remis à un bénéficiaire. Chaque mouvement est inscrit
        dans l’historique du carnet.
        {!admin && ' Seuls les administrateurs du financeur peuvent déplacer des carnets.'}
      </p>
      <Sections funderId={membership.funderId} admin={admin} />
    </>
  );
}

function Sections({ funderId, admin }: { funderId: string; admin: boolean }) {
  // The destinations of a move, and the names shown in a booklet's history.
  const prescribers = usePrescribers(funderId);
  if (prescribers.isPending) return <Loading what="Chargement des prescripteurs…" />;
  if (prescribers.isError) return <QueryError error={prescribers.error} what="La liste des prescripteurs" />;
  const names = new Map(prescribers.data.map((p) => [p.id, p.name]));
  return (
    <>
      {admin && (
        <section aria-labelledby="deplacer" className={fr.cx('fr-mt-6w')}>
          <h2 id="deplacer">Déplacer des carnets</h2>
          <MoveForm funderId={funderId} prescribers={prescribers.data} />
        </section>
      )}
      <section aria-labelledby="retrouver-pass" className={fr.cx('fr-mt-6w')}>
        <h2 id="retrouver-pass">Retrouver un pass</h2>
        <PassLookup funderId={funderId} />
      </section>
      <section aria-labelledby="historique" className={fr.cx('fr-mt-6w')}>
        <h2 id="historique">Historique d’un carnet</h2>
        <HistoryLookup funderId={funderId} names={names} />
      </section>
    </>
  );
}
