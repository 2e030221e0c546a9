import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import { useFunderPrograms } from '../../api/programs';
import { useSession } from '../../api/session';
import type { ProgramSummary } from '../../api/types';
import { formatCents, formatInt, formatShortDate } from '../../lib/format';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership } from '../../ui/roles';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

/** Funder console home: the funder's programmes as they stand today. */
export function ProgramListPage() {
  const { data: session } = useSession();
  const membership = funderMembership(session);
  useDocumentTitle('Dispositifs');
  if (!membership) return null;
  return (
    <>
      <h1>Dispositifs{membership.funderName ? ` de ${membership.funderName}` : ''}</h1>
      <Programs funderId={membership.funderId} />
    </>
  );
}

function Programs({ funderId }: { funderId: string }) {
  const programs = useFunderPrograms(funderId);
  if (programs.isPending) return <Loading what="Chargement des dispositifs…" />;
  if (programs.isError) return <QueryError error={programs.error} what="La liste des dispositifs" />;
  if (programs.data.length === 0) {
    return <p>Aucun dispositif n’est encore enregistré pour ce financeur.</p>;
  }
  return <ProgramTable programs={programs.data} />;
}

function ProgramTable({ programs }: { programs: ProgramSummary[] }) {
  const n = programs.length;
  return (
    <TableFrame
      caption={`${n} dispositif${n > 1 ? 's' : ''}, situation au ${formatShortDate(programs[0]?.asOf)}`}
    >
      <thead>
        <tr>
          <th scope="col">Dispositif</th>
          <th scope="col">Statut</th>
          <th scope="col">Passes prévus</th>
          <th scope="col">Valeur faciale</th>
          <th scope="col">Période de distribution</th>
        </tr>
      </thead>
      <tbody>
        {programs.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <Link
                to="/financeur/programmes/$programId"
                params={{ programId: p.id }}
                className={fr.cx('fr-link')}
              >
                {p.state?.name ?? 'Dispositif à venir'}
              </Link>
            </th>
            {p.state ? (
              <>
                <td>
                  <StatusBadge status={p.status} />
                </td>
                <td className="pn-nowrap">{formatInt(p.state.plannedPasses)}</td>
                <td className="pn-nowrap">{formatCents(p.state.faceValueCents)}</td>
                <td>
                  du {formatShortDate(p.state.calendar.distributionStart)} au{' '}
                  {formatShortDate(p.state.calendar.distributionEnd)}
                </td>
              </>
            ) : (
              <td colSpan={4}>Pas encore en vigueur</td>
            )}
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
