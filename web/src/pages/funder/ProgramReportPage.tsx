import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type { Period } from '../../../../src/core/report-period';
import { ApiError } from '../../api/client';
import {
  programReportCsvUrl,
  programReportPdfUrl,
  type ReportPeriod,
  useProgramReport,
} from '../../api/report';
import type { ProgramReport } from '../../api/types';
import { formatDate, todayInParis } from '../../lib/format';
import { FunderBreadcrumb } from '../../ui/FunderBreadcrumb';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useFunderOfPage } from '../../ui/useFunderOfPage';
import { PeriodPicker } from './report/PeriodPicker';
import {
  MoneySection,
  PassesSection,
  PeopleSection,
  PrescribersSection,
  ProgramSection,
  SessionsSection,
} from './report/ReportSections';

const TITLE = 'Bilan de la période';

interface Props {
  programId: string;
  /** 'YYYY-MM-DD' from ?from= and ?to=; the server's defaults when absent (the programme's start, today) */
  period: ReportPeriod;
}

/**
 * A programme's report for a period, to hand to the State agency (a stage report, a quarter's
 * progress) or to the funder's assembly: the figures on screen, the same as a PDF to send.
 */
export function ProgramReportPage({ programId, period }: Props) {
  const today = todayInParis();
  const report = useProgramReport(programId, period);
  const navigate = useNavigate();
  useDocumentTitle(TITLE, report.data?.program.name);
  useFunderOfPage(report.data?.program.funderId);

  // A period refused beside its field: the report of the period before is no longer the one
  // asked for, so that it is not read (nor its PDF taken) under the dates just typed.
  const [refused, setRefused] = useState(false);
  useEffect(() => setRefused(false), [period.from, period.to]);
  const show = (p: Period) => {
    setRefused(false);
    void navigate({
      to: '/financeur/programmes/$programId/bilan',
      params: { programId },
      search: { from: p.from, to: p.to },
      replace: true,
    });
  };

  if (report.isPending) return <Loading what="Chargement du bilan…" />;
  // A period the server refuses (its end before the programme's start) keeps the page, says
  // why, and lets the person choose again from the programme's whole span.
  if (report.isError) {
    const refused = report.error instanceof ApiError && report.error.status === 422 ? report.error : null;
    if (!refused) return <QueryError error={report.error} what="Ce dispositif" />;
    return (
      <>
        <h1>{TITLE}</h1>
        <Alert
          severity="error"
          as="h2"
          title="Cette période ne peut pas être affichée"
          description={refused.errors.map((e) => e.message).join(' ') || refused.detail}
          className={fr.cx('fr-mb-4w')}
        />
        <p>
          <button
            type="button"
            className={fr.cx('fr-link')}
            onClick={() =>
              void navigate({
                to: '/financeur/programmes/$programId/bilan',
                params: { programId },
                search: {},
              })
            }
          >
            Afficher le bilan depuis le début du dispositif
          </button>
        </p>
      </>
    );
  }
  const r = report.data;
  const shown = { from: r.from, to: r.to };
  // Printed (`pn-report`, app.css), the page is the report on paper: the choice of the period
  // and the downloads (DSFR's `fr-no-print`) are left out, the figures kept with their headings.
  return (
    <div className="pn-report">
      <FunderBreadcrumb program={{ id: programId, name: r.program.name }} current={TITLE} />
      <h1>{TITLE}</h1>
      <p className={fr.cx('fr-text--lead')}>{r.program.name}</p>
      <div className={fr.cx('fr-no-print')}>
        <PeriodPicker
          period={shown}
          startsOn={r.program.startsOn}
          closesOn={r.program.calendar?.closure ?? null}
          today={today}
          onChange={show}
          onInvalid={() => setRefused(true)}
        />
      </div>
      {/* Says which period is on screen once its figures are there (the fields alone change silently). */}
      <p role="status" data-testid="bilan-periode">
        {refused
          ? 'Aucun bilan affiché : corrigez la période ci-dessus.'
          : report.isFetching && report.isPlaceholderData
            ? 'Mise à jour…'
            : `Bilan du ${formatDate(r.from)} au ${formatDate(r.to)}.`}
      </p>
      {!refused && <Report programId={programId} r={r} />}
    </div>
  );
}

/** The figures of the period on screen, and their files to hand on. */
function Report({ programId, r }: { programId: string; r: ProgramReport }) {
  const shown = { from: r.from, to: r.to };
  return (
    <>
      {/* Native downloads (the router must not take these links over), the download audited. */}
      <p className={fr.cx('fr-mb-1w', 'fr-no-print')}>
        <a
          className={fr.cx('fr-link', 'fr-link--download')}
          href={programReportPdfUrl(programId, shown)}
          download
        >
          Télécharger le bilan (PDF)
        </a>
      </p>
      <p className={fr.cx('fr-no-print')}>
        <a
          className={fr.cx('fr-link', 'fr-link--download')}
          href={programReportCsvUrl(programId, shown)}
          download
        >
          Télécharger les chiffres (CSV)
        </a>
      </p>
      <ProgramSection r={r} />
      <PassesSection r={r} />
      <PeopleSection r={r} />
      <SessionsSection r={r} />
      <PrescribersSection r={r} />
      <MoneySection r={r} />
      <p className={fr.cx('fr-text--sm', 'fr-mt-6w')}>
        Les pass sont comptés à la date de leur émission, les remises à la date de remise du carnet, les pass
        utilisés à la date de la séance (la date réelle d’une séance enregistrée en retard) ; les
        encaissements annulés ne sont pas comptés. Les publics et les territoires sont ceux que le
        prescripteur a enregistrés pour chaque personne. Les paiements sont ceux enregistrés au registre
        comptable du dispositif, nets des virements retournés par la banque.
      </p>
    </>
  );
}
