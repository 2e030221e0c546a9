import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link, useNavigate } from '@tanstack/react-router';
import { useProgram } from '../../api/programs';
import { useSession } from '../../api/session';
import type { ProgramDetail } from '../../api/types';
import { formatDate, todayInParis } from '../../lib/format';
import { FlashAlert } from '../../ui/FlashAlert';
import { FunderBreadcrumb } from '../../ui/FunderBreadcrumb';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { isFunderAdmin } from '../../ui/roles';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useFunderOfPage } from '../../ui/useFunderOfPage';
import { AsOfPicker } from './program/AsOfPicker';
import { BudgetSection } from './program/BudgetSection';
import { EnvelopesSection } from './program/EnvelopesSection';
import { KeyFigures } from './program/KeyFigures';
import { StockAndFinance } from './program/StockAndFinance';
import { Timeline } from './program/Timeline';

interface Props {
  programId: string;
  /** 'YYYY-MM-DD' from ?asOf=; today in Paris when absent */
  asOf?: string;
}

export function ProgramPage({ programId, asOf: asOfParam }: Props) {
  const today = todayInParis();
  const asOf = asOfParam ?? today;
  const program = useProgram(programId, asOf);
  // What may be done is today's question, whatever date the page shows (the same query when
  // the page shows today).
  const current = useProgram(programId, today);
  useFunderOfPage(program.data?.funderId);
  const navigate = useNavigate();
  useDocumentTitle(program.data?.name ?? 'Dispositif');

  const showAsOf = (day: string) =>
    void navigate({
      to: '/financeur/programmes/$programId',
      params: { programId },
      search: day === today ? {} : { asOf: day },
      replace: true,
    });

  if (program.isPending) return <Loading what="Chargement du dispositif…" />;
  if (program.isError) return <QueryError error={program.error} what="Ce dispositif" />;
  const p = program.data;

  return (
    <>
      <FunderBreadcrumb current={p.name} />
      <h1>{p.name}</h1>
      <FlashAlert />
      <p>
        <Link
          to="/financeur/programmes/$programId/tableau-de-bord"
          params={{ programId }}
          className={fr.cx('fr-link')}
        >
          Tableau de bord du dispositif
        </Link>
      </p>
      <p>
        <Link to="/financeur/programmes/$programId/bilan" params={{ programId }} className={fr.cx('fr-link')}>
          Bilan de la période
        </Link>
      </p>
      <Actions program={p} />
      <AsOfPicker asOf={asOf} today={today} onChange={showAsOf} />
      {/* Says which date is on screen once the new data is there (the picker alone changes silently). */}
      <p role="status" className={fr.cx('fr-text--sm')}>
        {program.isFetching && program.isPlaceholderData
          ? 'Mise à jour…'
          : `Situation du dispositif au ${formatDate(p.asOf)}.`}
      </p>
      {p.state ? (
        <KeyFigures state={p.state} status={p.status} />
      ) : (
        <Alert
          severity="info"
          as="h2"
          title="Pas encore en vigueur"
          description={`Le dispositif n’existait pas encore au ${formatDate(p.asOf)} : sa délibération fondatrice prend effet plus tard.`}
        />
      )}
      <Timeline entries={p.timeline} asOf={p.asOf} />
      <EnvelopesSection
        asOf={p.asOf}
        inForce={p.envelopes}
        all={p.allEnvelopes}
        plannedPasses={p.state?.plannedPasses}
      />
      {p.budget && <BudgetSection budget={p.budget} />}
      <StockAndFinance
        programId={p.id}
        funderId={p.funderId}
        phaseToday={current.data?.status}
        asOf={p.asOf === today ? undefined : p.asOf}
      />
    </>
  );
}

/** Changing a programme is for the funder's administrators; viewers only read. */
function Actions({ program }: { program: ProgramDetail }) {
  const { data: session } = useSession();
  if (!isFunderAdmin(session, program.funderId)) return null;
  const params = { programId: program.id };
  return (
    <div className={`${fr.cx('fr-mb-4w')} pn-actions`}>
      <Link to="/financeur/programmes/$programId/avenant" params={params} className={fr.cx('fr-btn')}>
        Ajouter une délibération modificative
      </Link>
      <Link
        to="/financeur/programmes/$programId/enveloppe"
        params={params}
        className={fr.cx('fr-btn', 'fr-btn--secondary')}
      >
        Ajouter une enveloppe
      </Link>
    </div>
  );
}
