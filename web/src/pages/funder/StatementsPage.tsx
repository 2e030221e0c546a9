import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useRef, useState } from 'react';
import { STATEMENT_STATUS_LABELS, statementPeriodLabel } from '../../../../src/core/statement';
import { useFunderPrograms } from '../../api/programs';
import { useRoster } from '../../api/qualification';
import { useSession } from '../../api/session';
import {
  LATEST_STATEMENTS,
  STATEMENTS_PAGE_SIZE,
  type StatementFilters,
  type StatementQuery,
  type StatementStatus,
  statementListUrl,
  useFunderStatements,
} from '../../api/statements';
import { formatCents, formatInt } from '../../lib/format';
import { ChoiceField } from '../../ui/form/ChoiceField';
import { SelectField } from '../../ui/form/SelectField';
import { TextField } from '../../ui/form/TextField';
import { Loading } from '../../ui/Loading';
import { OpenedForm } from '../../ui/OpenedForm';
import { Pager } from '../../ui/Pager';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { SortableHeader, serverSort } from '../../ui/SortableHeader';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { ReasonForm } from '../place/statements/ReasonForm';
import { StatementFiles } from '../place/statements/StatementFiles';
import { StatementState } from '../place/statements/StatementState';
import { PayablesTable } from './statements/PayablesTable';

/** The funder's monthly statements (filters, documents, answers to contests) and what it owes. */
export function StatementsPage() {
  useDocumentTitle('Relevés des lieux');
  const { data: session } = useSession();
  const membership = funderMembership(session);
  // Filters, sort and page together: a national programme's 5,000 statements a month are
  // sorted by the server and read a page at a time; a new filter or sort starts at page 1.
  const [query, setQuery] = useState<StatementQuery>(LATEST_STATEMENTS);
  const filters: StatementFilters = query;
  const setFilters = (change: (f: StatementFilters) => StatementFilters) =>
    setQuery((q) => ({ ...q, ...change(q), page: 1 }));
  const funderId = membership?.funderId ?? '';
  const list = useFunderStatements(funderId, query);
  const roster = useRoster(funderId);
  const programs = useFunderPrograms(funderId);
  // The statement answered is kept by its number too: another page may no longer show it.
  const [answering, setAnswering] = useState<{ id: string; number: string } | null>(null);
  const [answered, setAnswered] = useState<string | null>(null);
  const sectionHeading = useRef<HTMLHeadingElement>(null);
  const sort = serverSort(query.sort, query.order, (sort, order) =>
    setQuery((q) => ({ ...q, sort, order, page: 1 })),
  );
  if (!membership) return null;
  const admin = isFunderAdmin(session, funderId);
  const statements = list.data?.statements;
  const total = list.data?.total ?? 0;
  const page = list.data?.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / STATEMENTS_PAGE_SIZE));
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
        {list.data && (
          // Every statement the filters choose, on every page: what the download holds too.
          <p role="status">
            {total === 0
              ? 'Aucun relevé ne correspond.'
              : `${formatInt(total)} ${total === 1 ? 'relevé' : 'relevés'}`}
          </p>
        )}
        {total > 0 && (
          <p>
            <a
              className={fr.cx('fr-link', 'fr-icon-download-line', 'fr-link--icon-left')}
              href={statementListUrl(funderId, query)}
              download
            >
              Télécharger ces relevés pour la comptabilité (CSV)
            </a>
          </p>
        )}
        {statements && statements.length > 0 && (
          // Stacked: the contest's reason and the state wrap, so « Documents et actions » stays
          // in sight at a laptop's width, and each statement is a card on a phone.
          <TableFrame
            stacked
            caption={`Relevés du financeur${pages > 1 ? `, page ${page} sur ${pages}` : ''}`}
          >
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
              {statements.map((s) => (
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
                    {admin && s.status === 'contested' && answering?.id !== s.id && (
                      <>
                        {' '}
                        <button
                          type="button"
                          id={`repondre-${s.id}`}
                          className={fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--tertiary')}
                          onClick={() => setAnswering({ id: s.id, number: s.number })}
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
        <Pager
          label="Pages de la liste des relevés"
          page={page}
          pages={pages}
          onPage={(page) => setQuery((q) => ({ ...q, page }))}
          count={`(${formatInt(total)} relevés)`}
        />
        {answering && (
          <OpenedForm
            key={answering.id}
            id="repondre"
            level={3}
            title={`Répondre à la contestation du relevé ${answering.number}`}
          >
            <ReasonForm
              statementId={answering.id}
              step="answer"
              label="Votre réponse au lieu"
              submit="Envoyer la réponse"
              onDone={() => {
                setAnswered(answering.number);
                setAnswering(null);
                // The button is gone with the contest: the focus goes to the section, whose
                // live region reads the outcome.
                sectionHeading.current?.focus();
              }}
              onCancel={() => {
                setAnswering(null);
                // Back to the button that opened the form, drawn again once it is closed.
                requestAnimationFrame(() => document.getElementById(`repondre-${answering.id}`)?.focus());
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
