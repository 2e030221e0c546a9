import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useState } from 'react';
import { frenchMonth } from '../../../../src/core/dates';
import { STATEMENT_STATUS_LABELS } from '../../../../src/core/statement';
import { useSession } from '../../api/session';
import { type StatementFilters, type StatementStatus, useFunderStatements } from '../../api/statements';
import { formatCents } from '../../lib/format';
import { SelectField } from '../../ui/form/SelectField';
import { TextField } from '../../ui/form/TextField';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
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
  const [filters, setFilters] = useState<StatementFilters>({});
  const funderId = membership?.funderId ?? '';
  const list = useFunderStatements(funderId, filters);
  const [answering, setAnswering] = useState<string | null>(null);
  const [answered, setAnswered] = useState<string | null>(null);
  if (!membership) return null;
  const admin = isFunderAdmin(session, funderId);
  const numberOf = (id: string) => list.data?.find((s) => s.id === id)?.number ?? '';
  return (
    <>
      <h1>Relevés des lieux</h1>
      <p>
        Un relevé par lieu, dispositif et mois, émis le premier jour ouvré du mois suivant. Un lieu peut le
        contester dans les 15 jours ; vous lui répondez ici.
      </p>
      <section aria-labelledby="releves">
        <h2 id="releves">Relevés</h2>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
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
        {list.data && list.data.length === 0 && <p>Aucun relevé ne correspond.</p>}
        {list.data && list.data.length > 0 && (
          <TableFrame caption="Relevés du financeur">
            <thead>
              <tr>
                <th scope="col">Relevé</th>
                <th scope="col">Lieu</th>
                <th scope="col">Mois</th>
                <th scope="col">Dispositif</th>
                <th scope="col">Total</th>
                <th scope="col">État</th>
                <th scope="col">Documents et actions</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.number}</th>
                  <td>{s.placeName}</td>
                  <td>{frenchMonth(s.month)}</td>
                  <td>{s.programName}</td>
                  <td>{formatCents(s.totalCents)}</td>
                  <td>
                    <StatementState statement={s} />
                  </td>
                  <td>
                    <StatementFiles id={s.id} number={s.number} />
                    {admin && s.status === 'contested' && answering !== s.id && (
                      <>
                        {' '}
                        <button
                          type="button"
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
          <section aria-labelledby="repondre" className={fr.cx('fr-mt-4w')}>
            <h3 id="repondre">Répondre à la contestation du relevé {numberOf(answering)}</h3>
            <ReasonForm
              statementId={answering}
              step="answer"
              label="Votre réponse au lieu"
              submit="Envoyer la réponse"
              onDone={() => {
                setAnswered(numberOf(answering));
                setAnswering(null);
              }}
              onCancel={() => setAnswering(null)}
            />
          </section>
        )}
      </section>
      <section aria-labelledby="du" className={fr.cx('fr-mt-6w')}>
        <h2 id="du">Sommes dues aux lieux</h2>
        <p>
          Par lieu et par dispositif : ce qui est dû (séances encaissées, moins les annulations et les
          paiements), dont la part déjà portée sur un relevé, et ce qui a été payé. Les colonnes « Approuvé »
          et « Envoyé en paiement » se rempliront avec les virements.
        </p>
        <PayablesTable funderId={funderId} />
      </section>
    </>
  );
}
