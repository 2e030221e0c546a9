import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useRef, useState } from 'react';
import { STATEMENT_STATUS_LABELS, statementPeriodLabel } from '../../../../src/core/statement';
import { useFunderPrograms } from '../../api/programs';
import { useRoster } from '../../api/qualification';
import { useSession } from '../../api/session';
import {
  type StatementFilters,
  type StatementStatus,
  type StatementSummary,
  statementListUrl,
  useFunderStatements,
} from '../../api/statements';
import { formatCents } from '../../lib/format';
import { ChoiceField } from '../../ui/form/ChoiceField';
import { SelectField } from '../../ui/form/SelectField';
import { TextField } from '../../ui/form/TextField';
import { Loading } from '../../ui/Loading';
import { OpenedForm } from '../../ui/OpenedForm';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { byDate, byNumber, byText, SortableHeader, useSort } from '../../ui/SortableHeader';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { ReasonForm } from '../place/statements/ReasonForm';
import { StatementFiles } from '../place/statements/StatementFiles';
import { StatementState } from '../place/statements/StatementState';
import { PayablesTable } from './statements/PayablesTable';

const NONE: StatementSummary[] = [];

/** The list's columns as shown: the month in time order, the total by its amount. */
const COLUMNS = {
  number: byText((s: StatementSummary) => s.number),
  place: byText((s: StatementSummary) => s.placeName),
  month: byDate((s: StatementSummary) => s.month),
  program: byText((s: StatementSummary) => s.programName),
  total: byNumber((s: StatementSummary) => s.totalCents),
  status: byText((s: StatementSummary) => STATEMENT_STATUS_LABELS[s.status]),
};

/** The funder's monthly statements (filters, documents, answers to contests) and what it owes. */
export function StatementsPage() {
  useDocumentTitle('Relevés des lieux');
  const { data: session } = useSession();
  const membership = funderMembership(session);
  const [filters, setFilters] = useState<StatementFilters>({});
  const funderId = membership?.funderId ?? '';
  const list = useFunderStatements(funderId, filters);
  const roster = useRoster(funderId);
  const programs = useFunderPrograms(funderId);
  const [answering, setAnswering] = useState<string | null>(null);
  const [answered, setAnswered] = useState<string | null>(null);
  const sectionHeading = useRef<HTMLHeadingElement>(null);
  // The list is loaded whole (500 at most, the most recent first, said when cut): sorted here.
  const sort = useSort(list.data?.statements ?? NONE, COLUMNS);
  if (!membership) return null;
  const admin = isFunderAdmin(session, funderId);
  const statements = list.data?.statements;
  const numberOf = (id: string) => statements?.find((s) => s.id === id)?.number ?? '';
  return (
    <>
      <h1>Relevés des lieux</h1>
      <p>
        Un relevé par lieu, dispositif et mois, émis le premier jour ouvré du mois suivant. Un lieu peut le
        contester dans les 15 jours ; vous lui répondez ici.
      </p>
      <section aria-labelledby="releves">
        <h2 id="releves" ref={sectionHeading} tabIndex={-1}>
          Relevés
        </h2>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <ChoiceField
              name="placeId"
              label="Lieu"
              placeholder="Tous"
              value={filters.placeId ?? ''}
              onChange={(v) => setFilters((f) => ({ ...f, placeId: v || undefined }))}
              options={(roster.data ?? [])
                .map((p) => ({ value: p.id, label: p.communeName ? `${p.name} (${p.communeName})` : p.name }))
                .sort((a, b) => a.label.localeCompare(b.label, 'fr'))}
              noun={['lieu', 'lieux']}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <SelectField
              name="programId"
              label="Dispositif"
              placeholder="Tous"
              value={filters.programId ?? ''}
              onChange={(v) => setFilters((f) => ({ ...f, programId: v || undefined }))}
              options={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <TextField
              name="month"
              type="month"
              label="Mois"
              hint="Format AAAA-MM"
              value={filters.month ?? ''}
              onChange={(v) => setFilters((f) => ({ ...f, month: /^\d{4}-\d{2}$/.test(v) ? v : undefined }))}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <SelectField
              name="status"
              label="État"
              placeholder="Tous"
              value={filters.status ?? ''}
              onChange={(v) =>
                setFilters((f) => ({ ...f, status: (v || undefined) as StatementStatus | undefined }))
              }
              options={Object.entries(STATEMENT_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </div>
        </div>
        <div role="status">
          {answered && (
            <Alert
              severity="success"
              small
              description={`Réponse envoyée au lieu pour le relevé ${answered}.`}
            />
          )}
        </div>
        {list.isPending && <Loading />}
        {list.error && <QueryError error={list.error} what="les relevés" />}
        {statements && statements.length === 0 && <p>Aucun relevé ne correspond.</p>}
        {statements && statements.length > 0 && (
          <p>
            <a
              className={fr.cx('fr-link', 'fr-icon-download-line', 'fr-link--icon-left')}
              href={statementListUrl(funderId, filters)}
              download
            >
              Télécharger ces relevés pour la comptabilité (CSV)
            </a>
          </p>
        )}
        {list.data?.truncated && (
          <Alert
            severity="info"
            small
            className={fr.cx('fr-mb-2w')}
            description={`Seuls les ${statements?.length} relevés les plus récents sont affichés : choisissez un lieu, un dispositif, un mois ou un état pour voir les autres.`}
          />
        )}
        {statements && statements.length > 0 && (
          // Stacked: the contest's reason and the state wrap, so « Documents et actions » stays
          // in sight at a laptop's width, and each statement is a card on a phone.
          <TableFrame stacked caption="Relevés du financeur">
            <thead>
              <tr>
                <SortableHeader sort={sort} column="number">
                  Relevé
                </SortableHeader>
                <SortableHeader sort={sort} column="place">
                  Lieu
                </SortableHeader>
                <SortableHeader sort={sort} column="month">
                  Mois
                </SortableHeader>
                <SortableHeader sort={sort} column="program">
                  Dispositif
                </SortableHeader>
                <SortableHeader sort={sort} column="total">
                  Total
                </SortableHeader>
                <SortableHeader sort={sort} column="status">
                  État
                </SortableHeader>
                <th scope="col">Documents et actions</th>
              </tr>
            </thead>
            <tbody>
              {sort.rows.map((s) => (
                <tr key={s.id}>
                  <th scope="row" className="pn-nowrap" data-label="Relevé">
                    {s.number}
                  </th>
                  <td data-label="Lieu">{s.placeName}</td>
                  <td data-label="Mois">{statementPeriodLabel(s)}</td>
                  <td data-label="Dispositif">{s.programName}</td>
                  <td className="pn-nowrap" data-label="Total">
                    {formatCents(s.totalCents)}
                  </td>
                  <td data-label="État">
                    <StatementState statement={s} />
                  </td>
                  <td>
                    <StatementFiles id={s.id} number={s.number} />
                    {admin && s.status === 'contested' && answering !== s.id && (
                      <>
                        {' '}
                        <button
                          type="button"
                          id={`repondre-${s.id}`}
                          className={fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--tertiary')}
                          onClick={() => setAnswering(s.id)}
                        >
                          Répondre
                          <span className={fr.cx('fr-sr-only')}> à la contestation du relevé {s.number}</span>
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
        )}
        {answering && (
          <OpenedForm
            key={answering}
            id="repondre"
            level={3}
            title={`Répondre à la contestation du relevé ${numberOf(answering)}`}
          >
            <ReasonForm
              statementId={answering}
              step="answer"
              label="Votre réponse au lieu"
              submit="Envoyer la réponse"
              onDone={() => {
                setAnswered(numberOf(answering));
                setAnswering(null);
                // The button is gone with the contest: the focus goes to the section, whose
                // live region reads the outcome.
                sectionHeading.current?.focus();
              }}
              onCancel={() => {
                setAnswering(null);
                // Back to the button that opened the form, drawn again once it is closed.
                requestAnimationFrame(() => document.getElementById(`repondre-${answering}`)?.focus());
              }}
            />
          </OpenedForm>
        )}
      </section>
      <section aria-labelledby="du" className={fr.cx('fr-mt-6w')}>
        <h2 id="du">Sommes dues aux lieux</h2>
        <p>
          Par lieu et par dispositif : ce qui est dû (séances encaissées, moins les annulations et les
          paiements), dont la part déjà portée sur un relevé ; puis ce que les lots de paiement ont approuvé
          et envoyé à la banque, ce qui a été payé, ce qui reste des virements payés en partie et ce qui a été
          passé en perte.
        </p>
        <PayablesTable funderId={funderId} />
      </section>
    </>
  );
}
