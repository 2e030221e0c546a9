import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import { usePrescribers } from '../../api/passes';
import { useProgram } from '../../api/programs';
import { useSession } from '../../api/session';
import { todayInParis } from '../../lib/format';
import { FunderBreadcrumb } from '../../ui/FunderBreadcrumb';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { isFunderAdmin } from '../../ui/roles';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useFunderOfPage } from '../../ui/useFunderOfPage';
import { BookletList } from './programBooklets/BookletList';

const TITLE = 'Carnets du dispositif';

/** A programme's booklets, filtered by status, envelope and holder: find one, see where they are. */
export function ProgramBookletsPage({ programId }: { programId: string }) {
  const program = useProgram(programId, todayInParis());
  const { data: session } = useSession();
  useDocumentTitle(TITLE, program.data?.name);
  useFunderOfPage(program.data?.funderId);
  if (program.isPending) return <Loading />;
  if (program.isError) return <QueryError error={program.error} what="Ce dispositif" />;
  const name = program.data.name;
  return (
    <>
      <FunderBreadcrumb program={{ id: programId, name }} current="Carnets" />
      <h1>{TITLE}</h1>
      <p className={fr.cx('fr-text--lead')}>{name}</p>
      <p>
        Chaque carnet émis pour ce dispositif : dans le stock du financeur, chez un prescripteur, remis à un
        bénéficiaire ou bloqué.
        {/* An action: for the funder's admins, not offered to a read-only account. */}
        {isFunderAdmin(session, program.data.funderId) && (
          <>
            {' '}
            <Link
              to="/financeur/programmes/$programId/attribution"
              params={{ programId }}
              className={fr.cx('fr-link')}
            >
              Confier des carnets à un prescripteur
            </Link>
          </>
        )}
      </p>
      <WithPrescribers
        programId={programId}
        funderId={program.data.funderId}
        envelopes={program.data.allEnvelopes}
      />
    </>
  );
}

function WithPrescribers({
  programId,
  funderId,
  envelopes,
}: {
  programId: string;
  funderId: string;
  envelopes: { id: string; name: string }[];
}) {
  const prescribers = usePrescribers(funderId);
  if (prescribers.isPending) return <Loading what="Chargement des prescripteurs…" />;
  if (prescribers.isError) return <QueryError error={prescribers.error} what="La liste des prescripteurs" />;
  return <BookletList programId={programId} envelopes={envelopes} prescribers={prescribers.data} />;
}
