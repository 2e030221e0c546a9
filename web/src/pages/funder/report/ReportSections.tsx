import { fr } from '@codegouvfr/react-dsfr';
import { conventionBase, moneyReconciliation } from '../../../../../src/core/report-money';
import { hoursText, notStartedText } from '../../../../../src/core/report-period';
import type { ProgramReport, ReportPeople } from '../../../api/types';
import { formatBps, formatCents, formatDate, formatInt } from '../../../lib/format';
import { BarChart } from '../../../ui/BarChart';
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
      <TableFrame caption="Pass émis, remis et utilisés : sur la période et en cumul">
        <thead>
          <tr>
            <th scope="col">Pass</th>
            <th scope="col" className="pn-num">
              Sur la période
            </th>
            <th scope="col" className="pn-num">
              Cumul au {formatDate(r.to)}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td className="pn-nowrap pn-num" data-testid={`bilan-periode-${row.testId}`}>
                {row.p}
              </td>
              <td className="pn-nowrap pn-num">{row.t}</td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
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
    <TableFrame caption={caption}>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" className="pn-num">
            Personnes
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((x) => (
          <tr key={x.code ?? x.name}>
            <th scope="row">{x.name}</th>
            <td className="pn-nowrap pn-num">{formatInt(x.people)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className="pn-nowrap pn-num">{formatInt(total)}</td>
        </tr>
      </tfoot>
    </TableFrame>
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
  const totalRow = (
    <tr>
      <th scope="row">Total</th>
      <td className="pn-nowrap pn-num">{formatInt(s.count)}</td>
      <td className="pn-nowrap pn-num">{hours(s.minutes)}</td>
    </tr>
  );
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
          <TableFrame caption="Séances par mois">
            <thead>
              <tr>
                <th scope="col">Mois</th>
                <th scope="col" className="pn-num">
                  Séances
                </th>
                <th scope="col" className="pn-num">
                  Heures
                </th>
                <th scope="col" className="pn-num">
                  Valeur des pass
                </th>
              </tr>
            </thead>
            <tbody>
              {s.byMonth.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{monthLabel(m.month)}</th>
                  <td className="pn-nowrap pn-num">{formatInt(m.sessions)}</td>
                  <td className="pn-nowrap pn-num">{hours(m.minutes)}</td>
                  <td className="pn-nowrap pn-num">{formatCents(m.valueCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="pn-nowrap pn-num">{formatInt(s.count)}</td>
                <td className="pn-nowrap pn-num">{hours(s.minutes)}</td>
                <td className="pn-nowrap pn-num">{formatCents(s.valueCents)}</td>
              </tr>
            </tfoot>
          </TableFrame>
          <h3 className={fr.cx('fr-h5')}>Par thème et par format</h3>
          <BarChart title="Séances par thème" bars={s.byTheme.map((t) => sessionsBar(t.theme, t.sessions))} />
          <TableFrame caption="Séances par thème (services du standard national)">
            <thead>
              <tr>
                <th scope="col">Thème</th>
                <th scope="col" className="pn-num">
                  Séances
                </th>
                <th scope="col" className="pn-num">
                  Heures
                </th>
              </tr>
            </thead>
            <tbody>
              {s.byTheme.map((t) => (
                <tr key={t.theme}>
                  <th scope="row">{t.theme}</th>
                  <td className="pn-nowrap pn-num">{formatInt(t.sessions)}</td>
                  <td className="pn-nowrap pn-num">{hours(t.minutes)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>{totalRow}</tfoot>
          </TableFrame>
          <TableFrame caption="Séances par format">
            <thead>
              <tr>
                <th scope="col">Format</th>
                <th scope="col" className="pn-num">
                  Séances
                </th>
                <th scope="col" className="pn-num">
                  Heures
                </th>
              </tr>
            </thead>
            <tbody>
              {s.byFormat.map((f) => (
                <tr key={f.format}>
                  <th scope="row">{f.label}</th>
                  <td className="pn-nowrap pn-num">{formatInt(f.sessions)}</td>
                  <td className="pn-nowrap pn-num">{hours(f.minutes)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>{totalRow}</tfoot>
          </TableFrame>
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
        <TableFrame
          caption={
            s.places > s.topPlaces.length
              ? `Les ${s.topPlaces.length} lieux aux séances les plus nombreuses`
              : 'Les lieux des séances, les plus fréquentés d’abord'
          }
        >
          <thead>
            <tr>
              <th scope="col">Lieu</th>
              <th scope="col">Commune</th>
              <th scope="col" className="pn-num">
                Séances
              </th>
            </tr>
          </thead>
          <tbody>
            {s.topPlaces.map((x) => (
              <tr key={x.placeId}>
                <th scope="row">{x.name}</th>
                <td>{x.commune ?? '—'}</td>
                <td className="pn-nowrap pn-num">{formatInt(x.sessions)}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      {s.byDepartement.length > 0 && (
        <>
          <BarChart
            title="Séances par département du lieu"
            bars={s.byDepartement.map((d) => sessionsBar(d.name, d.sessions))}
          />
          <TableFrame caption="Séances par département du lieu">
            <thead>
              <tr>
                <th scope="col">Département</th>
                <th scope="col" className="pn-num">
                  Lieux
                </th>
                <th scope="col" className="pn-num">
                  Séances
                </th>
                <th scope="col" className="pn-num">
                  Heures
                </th>
                <th scope="col" className="pn-num">
                  Valeur des pass
                </th>
              </tr>
            </thead>
            <tbody>
              {s.byDepartement.map((d) => (
                <tr key={d.code ?? d.name}>
                  <th scope="row">{d.name}</th>
                  <td className="pn-nowrap pn-num">{formatInt(d.places)}</td>
                  <td className="pn-nowrap pn-num">{formatInt(d.sessions)}</td>
                  <td className="pn-nowrap pn-num">{hours(d.minutes)}</td>
                  <td className="pn-nowrap pn-num">{formatCents(d.valueCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="pn-nowrap pn-num">{formatInt(s.places)}</td>
                <td className="pn-nowrap pn-num">{formatInt(s.count)}</td>
                <td className="pn-nowrap pn-num">{hours(s.minutes)}</td>
                <td className="pn-nowrap pn-num">{formatCents(s.valueCents)}</td>
              </tr>
            </tfoot>
          </TableFrame>
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
        <TableFrame caption="Versements de la période, par payeur">
          <thead>
            <tr>
              <th scope="col">Payeur</th>
              <th scope="col" className="pn-num">
                Reçu
              </th>
              <th scope="col" className="pn-num">
                Annulé
              </th>
            </tr>
          </thead>
          <tbody>
            {m.fundings.map((f) => (
              <tr key={f.payer}>
                <th scope="row">{f.payer}</th>
                <td className="pn-nowrap pn-num">{formatCents(f.receivedCents)}</td>
                <td className="pn-nowrap pn-num">{formatCents(f.reversedCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="pn-nowrap pn-num">{formatCents(received)}</td>
              <td className="pn-nowrap pn-num">{formatCents(reversed)}</td>
            </tr>
          </tfoot>
        </TableFrame>
      )}
      {m.budget && (
        <TableFrame
          caption={`Budget au ${formatDate(r.to)} : ${formatCents(m.budget.totalCents)}, et la part de chaque payeur`}
        >
          <thead>
            <tr>
              <th scope="col">Payeur</th>
              <th scope="col" className="pn-num">
                Part du budget
              </th>
              <th scope="col" className="pn-num">
                Versé au {formatDate(r.to)}
              </th>
              <th scope="col" className="pn-num">
                Dû selon la convention
              </th>
            </tr>
          </thead>
          <tbody>
            {m.budget.payers.map((p) => (
              <tr key={p.name}>
                <th scope="row">{p.name}</th>
                <td className="pn-nowrap pn-num">{formatCents(p.shareCents)}</td>
                <td className="pn-nowrap pn-num">{formatCents(p.receivedCents)}</td>
                <td className="pn-nowrap pn-num">
                  {p.owedByRuleCents === null ? '—' : formatCents(p.owedByRuleCents)}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <ConventionBase r={r} />
      <TableFrame caption="Ce qui est dû aux lieux et ce qui leur a été payé">
        <tbody>
          <tr>
            <th scope="row">Dû aux lieux pour les séances de la période (valeur des pass utilisés)</th>
            <td className="pn-nowrap pn-num">{formatCents(m.sessionsValueCents)}</td>
          </tr>
          <tr>
            <th scope="row">Payé aux lieux pendant la période</th>
            <td className="pn-nowrap pn-num">{formatCents(m.paidToPlacesCents)}</td>
          </tr>
          <tr>
            <th scope="row">
              Reste dû aux lieux au {formatDate(r.to)}, pour toutes les séances enregistrées
            </th>
            <td className="pn-nowrap pn-num">{formatCents(m.owedToPlacesCents)}</td>
          </tr>
        </tbody>
      </TableFrame>
      <Reconciliation r={r} />
    </Section>
  );
}

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
    <TableFrame caption={`Des pass utilisés aux paiements, au ${end}`}>
      <tbody>
        {rows.map(([label, cents]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="pn-nowrap pn-num">{formatCents(cents)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{totalLabel}</th>
          <td className="pn-nowrap pn-num">{formatCents(totalCents)}</td>
        </tr>
      </tfoot>
    </TableFrame>
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
    <TableFrame caption={`Base du dû selon la convention, au ${formatDate(r.to)}`}>
      <tbody>
        {rows.map(([label, cents]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="pn-nowrap">{formatCents(cents)}</td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
