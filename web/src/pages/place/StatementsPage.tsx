import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useRef, useState } from 'react';
import { statementPeriodLabel } from '../../../../src/core/statement';
import { useSession } from '../../api/session';
import { type FunderContact, usePlaceStatementsWithContacts } from '../../api/statements';
import { formatCents, formatDate, todayInParis } from '../../lib/format';
import { Loading } from '../../ui/Loading';
import { OpenedForm } from '../../ui/OpenedForm';
import { QueryError } from '../../ui/QueryError';
import { placeMembership } from '../../ui/roles';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { ActivityTables } from './statements/ActivityTables';
import { OwedTable } from './statements/OwedTable';
import { ReasonForm } from './statements/ReasonForm';
import { StatementFiles } from './statements/StatementFiles';
import { StatementState } from './statements/StatementState';
import { TransfersTable } from './statements/TransfersTable';
import { YearTable } from './statements/YearTable';

/** The place's monthly statements: download them, contest one within 15 days. */
export function StatementsPage() {
  useDocumentTitle('Relevés');
  const { data: session } = useSession();
  const place = placeMembership(session);
  const statements = usePlaceStatementsWithContacts(place?.organisationId ?? '');
  const list = {
    isPending: statements.isPending,
    error: statements.error,
    data: statements.data?.statements,
  };
  const contacts = new Map((statements.data?.funderContacts ?? []).map((c) => [c.funderId, c]));
  const [contesting, setContesting] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  if (!place) return null;
  const now = Date.now();
  return (
    <>
      <h1 ref={titleRef} tabIndex={-1}>
        Relevés
      </h1>
      {place.organisationName && <p className={fr.cx('fr-text--lead')}>{place.organisationName}</p>}
      <p>
        Chaque mois, un relevé par financeur et par dispositif liste vos séances (codes des pass masqués) et
        ce qui vous est dû. Vous pouvez le contester dans les 15 jours qui suivent son émission, en donnant le
        motif, tant que le financeur ne l’a pas approuvé. Un relevé approuvé ne se conteste plus ici
        {[...contacts.values()].some((c) => c.email)
          ? ' : écrivez au financeur, à son contact pour les lieux ci-dessous.'
          : '.'}
      </p>
      <FunderContacts contacts={statements.data?.funderContacts ?? []} />
      <div role="status">
        {done && (
          <Alert
            severity="success"
            small
            description={`Contestation du relevé ${done} envoyée au financeur.`}
          />
        )}
      </div>
      <section aria-labelledby="du" className={fr.cx('fr-mb-4w')}>
        <h2 id="du">Ce qui vous est dû</h2>
        <OwedTable placeId={place.organisationId} />
      </section>
      <section aria-labelledby="annee-comptes" className={fr.cx('fr-mb-4w')}>
        <h2 id="annee-comptes">L’année pour vos comptes</h2>
        <p>
          Par financeur et dispositif : la valeur des séances de l’année, ce qui vous a été payé dans l’année
          et ce qui vous était encore dû à sa fin.
        </p>
        <YearTable placeId={place.organisationId} />
      </section>
      <section aria-labelledby="virements" className={fr.cx('fr-mb-4w')}>
        <h2 id="virements">Virements reçus</h2>
        <p>
          Les virements que vos financeurs ont envoyés à votre banque, pour les retrouver ligne à ligne sur
          votre relevé bancaire : la référence et le libellé sont ceux que votre banque affiche, et chaque
          virement nomme les relevés qu’il paie.
        </p>
        <TransfersTable placeId={place.organisationId} />
      </section>
      <section aria-labelledby="activite" className={fr.cx('fr-mb-4w')}>
        <h2 id="activite">Activité par thème et par médiateur</h2>
        <p>
          Les séances données sur la période, annulations déduites, par thème et par personne (ou logiciel du
          lieu) qui les a enregistrées ; le fichier CSV les liste une par une.
        </p>
        <ActivityTables placeId={place.organisationId} />
      </section>
      <h2 id="liste">Relevés mensuels</h2>
      {list.isPending && <Loading />}
      {list.error && <QueryError error={list.error} what="les relevés" />}
      {list.data && list.data.length === 0 && <p>Aucun relevé pour l’instant.</p>}
      {list.data && list.data.length > 0 && (
        <TableFrame stacked caption="Relevés du lieu">
          <thead>
            <tr>
              <th scope="col">Relevé</th>
              <th scope="col">Mois</th>
              <th scope="col">Dispositif</th>
              <th scope="col">Séances</th>
              <th scope="col">Total</th>
              <th scope="col">État</th>
              <th scope="col">Documents et actions</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((s) => {
              const inWindow = new Date(s.contestableUntil).getTime() > now;
              const contestable = s.status === 'issued' && inWindow;
              // Approved within its 15 days: the page said it could be contested, and offered no button.
              const approvedEarly = inWindow && s.status !== 'issued' && s.status !== 'contested';
              return (
                // Its id is the target of the transfers' links to the statements they paid.
                <tr key={s.id} id={`releve-${s.number}`}>
                  <th scope="row" className="pn-nowrap" data-label="Relevé">
                    {s.number}
                  </th>
                  <td data-label="Mois">{statementPeriodLabel(s)}</td>
                  <td data-label="Dispositif">
                    {s.programName}
                    <br />
                    <span className={fr.cx('fr-text--sm')}>{s.funderName}</span>
                  </td>
                  <td data-label="Séances">{s.redemptionsCount}</td>
                  <td className="pn-nowrap" data-label="Total">
                    {formatCents(s.totalCents)}
                  </td>
                  <td data-label="État">
                    <StatementState statement={s} />
                  </td>
                  <td>
                    <StatementFiles id={s.id} number={s.number} />
                    {contestable && contesting !== s.id && (
                      <>
                        {' '}
                        <button
                          type="button"
                          id={`contester-${s.id}`}
                          className={fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--tertiary')}
                          onClick={() => setContesting(s.id)}
                        >
                          Contester<span className={fr.cx('fr-sr-only')}> le relevé {s.number}</span>
                        </button>
                        <br />
                        <span className={fr.cx('fr-text--xs')}>
                          jusqu’au {formatDate(todayInParis(new Date(s.contestableUntil)))} inclus
                        </span>
                      </>
                    )}
                    {approvedEarly && (
                      <>
                        <br />
                        <span className={fr.cx('fr-text--xs')}>
                          <ApprovedNote contact={contacts.get(s.funderId)} />
                        </span>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </TableFrame>
      )}
      {contesting && list.data && (
        <OpenedForm
          key={contesting}
          id="contester"
          level={2}
          title={`Contester le relevé ${list.data.find((s) => s.id === contesting)?.number ?? ''}`}
        >
          <ReasonForm
            statementId={contesting}
            step="contest"
            label="Motif de la contestation"
            submit="Envoyer la contestation"
            onDone={() => {
              setDone(list.data?.find((s) => s.id === contesting)?.number ?? null);
              setContesting(null);
              // The button is gone with the contest: the focus goes to the page's title, under
              // which the live region reads the outcome.
              titleRef.current?.focus();
            }}
            onCancel={() => {
              setContesting(null);
              // Back to the button that opened the form, drawn again once it is closed.
              requestAnimationFrame(() => document.getElementById(`contester-${contesting}`)?.focus());
            }}
          />
        </OpenedForm>
      )}
    </>
  );
}

/** « Write to the funder », where: its contact for places, or nothing said of writing when it gave none. */
function ApprovedNote({ contact }: { contact: FunderContact | undefined }) {
  if (!contact?.email) return <>Relevé approuvé par le financeur : il ne peut plus être contesté ici.</>;
  return (
    <>
      Relevé approuvé par le financeur : il ne peut plus être contesté ici ; écrivez au financeur à{' '}
      <a href={`mailto:${contact.email}`}>{contact.email}</a>
      {contact.phone && <> ou appelez le {contact.phone}</>}.
    </>
  );
}

/** Whom to write to at each funder of the place's statements, as each gave it. */
function FunderContacts({ contacts }: { contacts: FunderContact[] }) {
  const given = contacts.filter((c) => c.email);
  if (given.length === 0) return null;
  return (
    <section aria-labelledby="contacts-financeurs" className={fr.cx('fr-mb-4w')}>
      <h2 id="contacts-financeurs">Contacts des financeurs pour les lieux</h2>
      <ul>
        {given.map((c) => (
          <li key={c.funderId}>
            {c.funderName} : <a href={`mailto:${c.email}`}>{c.email}</a>
            {c.phone && <>, {c.phone}</>}
          </li>
        ))}
      </ul>
    </section>
  );
}
