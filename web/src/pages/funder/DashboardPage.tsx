import { fr } from '@codegouvfr/react-dsfr';
import { useProgramDashboard } from '../../api/dashboard';
import { useProgram } from '../../api/programs';
import type { DashboardRow } from '../../api/types';
import { formatBps, formatInt, todayInParis } from '../../lib/format';
import { FunderBreadcrumb } from '../../ui/FunderBreadcrumb';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useFunderOfPage } from '../../ui/useFunderOfPage';
import { Glossary } from './dashboard/Glossary';
import { MonthlyRedemptions } from './dashboard/MonthlyRedemptions';
import { PassTable } from './dashboard/PassTable';
import { UnusualDays } from './dashboard/UnusualDays';

const TITLE = 'Tableau de bord';

/** Where the passes of a programme stand, and how fast they are used: slow uptake must show early. */
export function DashboardPage({ programId }: { programId: string }) {
  const program = useProgram(programId, todayInParis());
  useDocumentTitle(TITLE, program.data?.name);
  useFunderOfPage(program.data?.funderId);
  if (program.isPending) return <Loading />;
  if (program.isError) return <QueryError error={program.error} what="Ce dispositif" />;
  const name = program.data.name;
  return (
    <>
      <FunderBreadcrumb program={{ id: programId, name }} current={TITLE} />
      <h1>{TITLE}</h1>
      <p className={fr.cx('fr-text--lead')}>{name}</p>
      <Dashboard programId={programId} />
    </>
  );
}

function Dashboard({ programId }: { programId: string }) {
  const dashboard = useProgramDashboard(programId);
  if (dashboard.isPending) return <Loading what="Chargement du tableau de bord…" />;
  if (dashboard.isError) return <QueryError error={dashboard.error} what="Le tableau de bord" />;
  const d = dashboard.data;
  return (
    <>
      <Headline total={d.total} />
      <section aria-labelledby="passes-par-enveloppe" className={fr.cx('fr-mt-6w')}>
        <h2 id="passes-par-enveloppe">Pass par enveloppe</h2>
        <PassTable rows={d.rows} total={d.total} />
        <Glossary />
      </section>
      <section aria-labelledby="utilisation-par-mois" className={fr.cx('fr-mt-6w')}>
        <h2 id="utilisation-par-mois">Utilisation par mois</h2>
        <MonthlyRedemptions byMonth={d.byMonth} />
      </section>
      <section aria-labelledby="journees-inhabituelles" className={fr.cx('fr-mt-6w')}>
        <h2 id="journees-inhabituelles">Journées inhabituelles</h2>
        <UnusualDays days={d.unusualDays} rule={d.unusualDayRule} />
      </section>
    </>
  );
}

/** The few figures a funder acts on: how many passes reached people, and how many of those were used. */
function Headline({ total: t }: { total: DashboardRow }) {
  const uptake = t.handedOut > 0 ? formatBps(Math.round((t.redeemed * 10000) / t.handedOut)) : '—';
  return (
    <dl className="pn-figures">
      <div>
        <dt>Pass remis aux bénéficiaires</dt>
        <dd className="pn-nowrap">{formatInt(t.handedOut)}</dd>
      </div>
      <div>
        <dt>Pass utilisés</dt>
        <dd className="pn-nowrap">{formatInt(t.redeemed)}</dd>
      </div>
      <div>
        <dt>Part des pass remis déjà utilisés</dt>
        <dd className="pn-nowrap" data-testid="dashboard-uptake">
          {uptake}
        </dd>
      </div>
      <div>
        <dt>Pass en circulation</dt>
        <dd className="pn-nowrap">{formatInt(t.outstanding)}</dd>
      </div>
    </dl>
  );
}
