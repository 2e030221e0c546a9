import { fr } from '@codegouvfr/react-dsfr';
import { conventionBase, moneyReconciliation } from '../../../../../src/core/report-money';
import { hoursText, notStartedText } from '../../../../../src/core/report-period';
import type { ProgramReport, ReportPeople } from '../../../api/types';
import { formatBps, formatCents, formatDate, formatInt } from '../../../lib/format';
import { BarChart } from '../../../ui/BarChart';
import { FigureTable } from '../../../ui/FigureTable';
import { TableFrame } from '../../../ui/TableFrame';
import { StandardExportLinks } from '../places/StandardExportLinks';
import { PlacesMap } from './PlacesMap';

/*
 * The sections of a programme's report, in the order of its PDF: the programme, its passes,
 * the people reached, the sessions, the prescribers, the money. Every figure in a table with
 * its headers (RGAA 5), the chart beside the table that gives its data.
 */

const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** '2026-03' → 'mars 2026' (a calendar month, formatted in UTC so it never shifts). */
function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? monthName.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1))) : month;
}

const hours = (minutes: number) => hoursText(minutes);

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className={fr.cx('fr-mt-6w')}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function ProgramSection({ r }: { r: ProgramReport }) {
  const c = r.program.calendar;
  return (
    <Section id="bilan-dispositif" title="Le dispositif">
      <TableFrame caption={`Le dispositif au ${formatDate(r.to)}`} captionHidden>
        <tbody>
          <tr>
            <th scope="row">Financeur</th>
            <td>{r.program.funderName}</td>
          </tr>
          <tr>
            <th scope="row">Début du dispositif</th>
            <td>{formatDate(r.program.startsOn)}</td>
          </tr>
          {c ? (
            <>
              <tr>
                <th scope="row">Distribution des carnets</th>
                <td>
                  du {formatDate(c.distributionStart)} au {formatDate(c.distributionEnd)}
                </td>
              </tr>
              <tr>
                <th scope="row">Fin d’utilisation des pass</th>
                <td>{formatDate(c.usageEnd)}</td>
              </tr>
              <tr>
                <th scope="row">Clôture</th>
                <td>{c.closure ? formatDate(c.closure) : 'non fixée'}</td>
              </tr>
            </>
          ) : null}
          {r.program.plannedPasses !== null && (
            <tr>
              <th scope="row">Pass prévus</th>
              <td className="pn-nowrap pn-num">{formatInt(r.program.plannedPasses)}</td>
            </tr>
          )}
          {r.program.faceValueCents !== null && (
            <tr>
              <th scope="row">Valeur faciale d’un pass</th>
              <td className="pn-nowrap pn-num">{formatCents(r.program.faceValueCents)}</td>
            </tr>
          )}
        </tbody>
      </TableFrame>
      {/* Before the programme took effect: no calendar, no plan yet, said so rather than as zeros. */}
      <p className={fr.cx(c ? 'fr-text--sm' : undefined)}>
        {c
          ? `Calendrier et prévisions tels que délibérés au ${formatDate(r.to)}.`
          : notStartedText(r.to, r.program.startsOn, formatDate)}
      </p>
    </Section>
  );
}

export function PassesSection({ r }: { r: ProgramReport }) {
  const { period, toDate, usedOfPlannedBps } = r.passes;
  const rows = [
    { label: 'Pass émis', testId: 'issued', p: formatInt(period.issued), t: formatInt(toDate.issued) },
    {
      label: 'Pass remis aux bénéficiaires',
      testId: 'handed-out',
      p: formatInt(period.handedOut),
      t: formatInt(toDate.handedOut),
    },
    { label: 'Pass utilisés', testId: 'used', p: formatInt(period.used), t: formatInt(toDate.used) },
    {
      label: 'Valeur des pass utilisés',
      testId: 'used-value',
      p: formatCents(period.usedValueCents),
      t: formatCents(toDate.usedValueCents),
    },
  ];
  return (
    <Section id="bilan-pass" title="Pass">
      <FigureTable
        caption="Pass émis, remis et utilisés : sur la période et en cumul"
        columns={[{ head: 'Pass' }, { head: 'Sur la période' }, { head: `Cumul au ${formatDate(r.to)}` }]}
        rows={rows.map((row) => ({
          key: row.label,
          head: row.label,
          cells: [row.p, row.t],
          testIds: [`bilan-periode-${row.testId}`],
        }))}
      />
      <p>
        {usedOfPlannedBps === null
          ? `Aucun pass n’est prévu au ${formatDate(r.to)}.`
          : `Pass utilisés au ${formatDate(r.to)} : ${formatBps(usedOfPlannedBps)} des ${formatInt(r.program.plannedPasses ?? 0)} pass prévus.`}
      </p>
    </Section>
  );
}

function PeopleTable({
  caption,
  head,
  rows,
  total,
}: {
  caption: string;
  head: string;
  rows: ReportPeople[];
  total: number;
}) {
  return (
    <FigureTable
      caption={caption}
      columns={[{ head }, { head: 'Personnes' }]}
      rows={rows.map((x) => ({ key: x.code ?? x.name, head: x.name, cells: [formatInt(x.people)] }))}
      total={{ key: 'total', head: 'Total', cells: [formatInt(total)] }}
    />
  );
}

export function PeopleSection({ r }: { r: ProgramReport }) {
  const p = r.people;
  return (
    <Section id="bilan-personnes" title="Personnes touchées">
      <p>
        {p.reached === 0 ? (
          'Aucune personne n’a reçu de carnet pendant la période.'
        ) : (
          <>
            <strong data-testid="bilan-personnes">{formatInt(p.reached)}</strong>{' '}
            {p.reached > 1 ? 'personnes ont' : 'personne a'} reçu un carnet pendant la période, chacune
            comptée une fois.
          </>
        )}
      </p>
      {p.reached > 0 && (
        <>
          <PeopleTable
            caption="Personnes touchées par public"
            head="Public"
            rows={p.byAudience.map((a) => ({ code: null, name: a.label, people: a.people }))}
            total={p.reached}
          />
          <PeopleTable
            caption="Personnes touchées par département de leur commune"
            head="Département"
            rows={p.byDepartement}
            total={p.reached}
          />
          <PeopleTable
            caption="Personnes touchées par EPCI de leur commune"
            head="EPCI"
            rows={p.byEpci}
            total={p.reached}
          />
        </>
      )}
    </Section>
  );
}

/** A bar of sessions, its value said with its unit (« 1 séance », « 12 séances »). */
const sessionsBar = (label: string, sessions: number) => ({
  label,
  value: sessions,
  display: `${formatInt(sessions)} ${sessions > 1 ? 'séances' : 'séance'}`,
});

export function SessionsSection({ r }: { r: ProgramReport }) {
  const s = r.sessions;
  const total = { key: 'total', head: 'Total', cells: [formatInt(s.count), hours(s.minutes)] };
  const countColumns = (head: string) => [{ head }, { head: 'Séances' }, { head: 'Heures' }];
  return (
    <Section id="bilan-seances" title="Séances de la période">
      <p>
        {s.count === 0 ? (
          'Aucune séance pendant la période.'
        ) : (
          <>
            <strong data-testid="bilan-seances">{formatInt(s.count)}</strong>{' '}
            {s.count > 1 ? 'séances' : 'séance'}, {hours(s.minutes)} d’accompagnement, dans{' '}
            {formatInt(s.places)} {s.places > 1 ? 'lieux' : 'lieu'}, pour {formatCents(s.valueCents)} de pass.
          </>
        )}
      </p>
      {/* Without a session, months, themes and formats would all read 0: 35 empty bars and
          three tables of zeros followed « Aucune séance pendant la période ». */}
      {s.count > 0 && (
        <>
          <h3 className={fr.cx('fr-h5')}>Par mois</h3>
          <BarChart
            title="Séances par mois"
            bars={s.byMonth.map((m) => sessionsBar(monthLabel(m.month), m.sessions))}
          />
          <FigureTable
            caption="Séances par mois"
            columns={[...countColumns('Mois'), { head: 'Valeur des pass' }]}
            rows={s.byMonth.map((m) => ({
              key: m.month,
              head: monthLabel(m.month),
              cells: [formatInt(m.sessions), hours(m.minutes), formatCents(m.valueCents)],
            }))}
            total={{ ...total, cells: [...total.cells, formatCents(s.valueCents)] }}
          />
          <h3 className={fr.cx('fr-h5')}>Par thème et par format</h3>
          <BarChart title="Séances par thème" bars={s.byTheme.map((t) => sessionsBar(t.theme, t.sessions))} />
          <FigureTable
            caption="Séances par thème (services du standard national)"
            columns={countColumns('Thème')}
            rows={s.byTheme.map((t) => ({
              key: t.theme,
              head: t.theme,
              cells: [formatInt(t.sessions), hours(t.minutes)],
            }))}
            total={total}
          />
          <FigureTable
            caption="Séances par format"
            columns={countColumns('Format')}
            rows={s.byFormat.map((f) => ({
              key: f.format,
              head: f.label,
              cells: [formatInt(f.sessions), hours(f.minutes)],
            }))}
            total={total}
          />
        </>
      )}
      <h3 className={fr.cx('fr-h5')}>Lieux</h3>
      <p>
        {s.places === 0
          ? 'Aucun lieu n’a accueilli de séance pendant la période.'
          : `${formatInt(s.places)} ${s.places > 1 ? 'lieux ont' : 'lieu a'} accueilli des séances pendant la période.`}
      </p>
      {s.places > 0 && <PlacesMap programId={r.program.id} period={{ from: r.from, to: r.to }} />}
      {s.topPlaces.length > 0 && (
        <FigureTable
          caption={
            s.places > s.topPlaces.length
              ? `Les ${s.topPlaces.length} lieux aux séances les plus nombreuses`
              : 'Les lieux des séances, les plus fréquentés d’abord'
          }
          columns={[{ head: 'Lieu' }, { head: 'Commune', text: true }, { head: 'Séances' }]}
          rows={s.topPlaces.map((x) => ({
            key: x.placeId,
            head: x.name,
            cells: [x.commune ?? '—', formatInt(x.sessions)],
          }))}
        />
      )}
      {s.byDepartement.length > 0 && (
        <>
          <BarChart
            title="Séances par département du lieu"
            bars={s.byDepartement.map((d) => sessionsBar(d.name, d.sessions))}
          />
          <FigureTable
            caption="Séances par département du lieu"
            columns={[
              { head: 'Département' },
              { head: 'Lieux' },
              { head: 'Séances' },
              { head: 'Heures' },
              { head: 'Valeur des pass' },
            ]}
            rows={s.byDepartement.map((d) => ({
              key: d.code ?? d.name,
              head: d.name,
              cells: [
                formatInt(d.places),
                formatInt(d.sessions),
                hours(d.minutes),
                formatCents(d.valueCents),
              ],
            }))}
            total={{
              key: 'total',
              head: 'Total',
              cells: [formatInt(s.places), formatInt(s.count), hours(s.minutes), formatCents(s.valueCents)],
            }}
          />
        </>
      )}
      <StandardExportLinks funderId={r.program.funderId} headingLevel={4} />
    </Section>
  );
}

export function PrescribersSection({ r }: { r: ProgramReport }) {
  const n = r.prescribers.handingOut;
  return (
    <Section id="bilan-prescripteurs" title="Prescripteurs">
      <p>
        {n === 0
          ? 'Aucun prescripteur n’a remis de carnet pendant la période.'
          : `${formatInt(n)} ${n > 1 ? 'prescripteurs ont' : 'prescripteur a'} remis au moins un carnet pendant la période.`}
      </p>
    </Section>
  );
}

export function MoneySection({ r }: { r: ProgramReport }) {
  const m = r.money;
  const received = m.fundings.reduce((t, f) => t + f.receivedCents, 0);
  const reversed = m.fundings.reduce((t, f) => t + f.reversedCents, 0);
  return (
    <Section id="bilan-argent" title="Financement et paiements">
      {m.fundings.length === 0 ? (
        <p>Aucun versement reçu ni annulé pendant la période.</p>
      ) : (
        <FigureTable
          caption="Versements de la période, par payeur"
          columns={[{ head: 'Payeur' }, { head: 'Reçu' }, { head: 'Annulé' }]}
          rows={m.fundings.map((f) => ({
            key: f.payer,
            head: f.payer,
            cells: [formatCents(f.receivedCents), formatCents(f.reversedCents)],
          }))}
          total={{ key: 'total', head: 'Total', cells: [formatCents(received), formatCents(reversed)] }}
        />
      )}
      {m.budget && (
        <FigureTable
          caption={`Budget au ${formatDate(r.to)} : ${formatCents(m.budget.totalCents)}, et la part de chaque payeur`}
          columns={[
            { head: 'Payeur' },
            { head: 'Part du budget' },
            { head: `Versé au ${formatDate(r.to)}` },
            { head: 'Dû selon la convention' },
          ]}
          rows={m.budget.payers.map((p) => ({
            key: p.name,
            head: p.name,
            cells: [
              formatCents(p.shareCents),
              formatCents(p.receivedCents),
              p.owedByRuleCents === null ? '—' : formatCents(p.owedByRuleCents),
            ],
          }))}
        />
      )}
      <ConventionBase r={r} />
      <FigureTable
        caption="Ce qui est dû aux lieux et ce qui leur a été payé"
        rows={[
          [
            'due',
            'Dû aux lieux pour les séances de la période (valeur des pass utilisés)',
            m.sessionsValueCents,
          ] as const,
          ['paid', 'Payé aux lieux pendant la période', m.paidToPlacesCents] as const,
          [
            'owed',
            `Reste dû aux lieux au ${formatDate(r.to)}, pour toutes les séances enregistrées`,
            m.owedToPlacesCents,
          ] as const,
        ].map(([key, head, cents]) => ({ key, head, cells: [formatCents(cents)] }))}
      />
      <Reconciliation r={r} />
    </Section>
  );
}

/** A labelled amount of the money's tables (the lines the PDF and the CSV take too). */
const moneyRow = ([label, cents]: readonly [string, number]) => ({
  key: label,
  head: label,
  cells: [formatCents(cents)],
});

/**
 * The value of the passes used since the start, as the money explains it: paid, written off,
 * owed; a session given in the period but recorded after it (or cancelled since) is known to the
 * report, not to the ledger as of its end; shown on its own line, the figures add up for whoever
 * checks them.
 */
function Reconciliation({ r }: { r: ProgramReport }) {
  const end = formatDate(r.to);
  // The lines the PDF and the CSV have too: the total, in the footer here, and its parts.
  const [[totalLabel, totalCents], ...rows] = moneyReconciliation(r, formatDate);
  return (
    <FigureTable
      caption={`Des pass utilisés aux paiements, au ${end}`}
      rows={rows.map(moneyRow)}
      total={moneyRow([totalLabel, totalCents])}
    />
  );
}

/**
 * The base of « Dû selon la convention »: the value used as the ledger holds it at the end (a
 * session counts from the day it was recorded, as in the call for funds of that day), and what
 * separates it from the value of the passes used above, counted by the day of the session.
 */
function ConventionBase({ r }: { r: ProgramReport }) {
  const rows = conventionBase(r, formatDate);
  if (rows.length === 0) return null;
  return (
    <FigureTable
      caption={`Base du dû selon la convention, au ${formatDate(r.to)}`}
      rows={rows.map(moneyRow)}
    />
  );
}
