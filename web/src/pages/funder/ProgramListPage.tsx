import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import { deName } from '../../../../src/core/french';
import { useFunderSettings } from '../../api/funders';
import { useFunderPrograms } from '../../api/programs';
import { useSession } from '../../api/session';
import type { ProgramSummary } from '../../api/types';
import { formatCents, formatInt, formatShortDate } from '../../lib/format';
import { FlashAlert } from '../../ui/FlashAlert';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

/** Funder console home: the funder's programmes as they stand today. */
export function ProgramListPage() {
  const { data: session } = useSession();
  const membership = funderMembership(session);
  useDocumentTitle('Dispositifs');
  if (!membership) return null;
  const admin = isFunderAdmin(session, membership.funderId);
  return (
    <>
      <h1>Dispositifs{membership.funderName ? ` ${deName(membership.funderName)}` : ''}</h1>
      <FlashAlert />
      <Programs funderId={membership.funderId} admin={admin} />
    </>
  );
}

function Programs({ funderId, admin }: { funderId: string; admin: boolean }) {
  const programs = useFunderPrograms(funderId);
  if (programs.isPending) return <Loading what="Chargement des dispositifs…" />;
  if (programs.isError) return <QueryError error={programs.error} what="La liste des dispositifs" />;
  if (programs.data.length === 0) return admin ? <FirstSteps funderId={funderId} /> : <NothingYet />;
  return (
    <>
      {admin && <AdminActions />}
      <ProgramTable programs={programs.data} />
    </>
  );
}

/**
 * A new funder's console: what to do first, in order (issue 11: the first admin used to land
 * on « Aucun dispositif » with nothing to click).
 */
function FirstSteps({ funderId }: { funderId: string }) {
  // The one step a new funder may have done before its first programme (its settings).
  const account = useFunderSettings(funderId).data?.bankAccount;
  return (
    <section aria-labelledby="premiers-pas">
      <p>Aucun dispositif n’est encore enregistré pour ce financeur.</p>
      <h2 id="premiers-pas">Pour commencer</h2>
      <ol>
        <li>
          Créez le dispositif à partir de sa délibération fondatrice : son nom, la valeur d’un pass, le nombre
          de pass prévus, les publics visés, son calendrier et son budget.
        </li>
        <li>Invitez vos collègues, administrateurs ou en consultation seule.</li>
        <li>
          Ajoutez vos prescripteurs (missions locales, CCAS…) et invitez leurs agents, depuis la page{' '}
          <Link to="/financeur/prescripteurs">Prescripteurs</Link>.
        </li>
        <li>
          Publiez votre questionnaire et votre charte, puis qualifiez les lieux qui encaisseront les pass,
          depuis la page <Link to="/financeur/lieux">Lieux</Link> : ils s’inscrivent eux-mêmes ou vous les
          invitez.
        </li>
        <li>
          Émettez les carnets de pass, enregistrez les fonds reçus qui les activent, et confiez-les aux
          prescripteurs.
        </li>
        <li data-testid="premiers-pas-compte">
          {account ? (
            <>
              Fait : le compte bancaire du financeur est enregistré, les remboursements des lieux en partiront
              (
              <Link to="/financeur/parametres" hash="compte">
                Paramètres
              </Link>
              ).
            </>
          ) : (
            <>
              Enregistrez le compte bancaire du financeur, d’où partent les remboursements des pass encaissés
              par les lieux, dans les{' '}
              <Link to="/financeur/parametres" hash="compte">
                Paramètres
              </Link>
              .
            </>
          )}
        </li>
      </ol>
      <div className="pn-actions">
        <Link to="/financeur/programmes/nouveau" className={fr.cx('fr-btn')}>
          Créer un dispositif
        </Link>
        <Link to="/financeur/equipe" className={fr.cx('fr-btn', 'fr-btn--secondary')}>
          Inviter un collègue
        </Link>
      </div>
    </section>
  );
}

/** A reader cannot create anything: say so, and who can. */
function NothingYet() {
  return (
    <p>
      Aucun dispositif n’est encore enregistré pour ce financeur. Les administrateurs du financeur le créeront
      à partir de sa délibération fondatrice ; il apparaîtra ici.
    </p>
  );
}

function AdminActions() {
  return (
    <div className={`${fr.cx('fr-mb-4w')} pn-actions`}>
      <Link to="/financeur/programmes/nouveau" className={fr.cx('fr-btn')}>
        Créer un dispositif
      </Link>
      <Link to="/financeur/equipe" className={fr.cx('fr-btn', 'fr-btn--secondary')}>
        Équipe
      </Link>
    </div>
  );
}

function ProgramTable({ programs }: { programs: ProgramSummary[] }) {
  const n = programs.length;
  return (
    <TableFrame
      wrap
      caption={`${n} dispositif${n > 1 ? 's' : ''}, situation au ${formatShortDate(programs[0]?.asOf)}`}
    >
      <thead>
        <tr>
          <th scope="col">Dispositif</th>
          <th scope="col">Statut</th>
          <th scope="col">Pass prévus</th>
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
                {p.name}
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
              <td colSpan={4}>Pas encore en vigueur : à partir du {formatShortDate(p.startsOn)}</td>
            )}
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
