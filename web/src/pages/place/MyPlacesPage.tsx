import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ReactNode } from 'react';
import { frenchCsv } from '../../../../src/core/csv';
import { frenchMonth } from '../../../../src/core/dates';
import { standingHeadline } from '../../../../src/core/statement-standing';
import { type MyPlace, type MyPlaceStatement, type MyPlaces, useMyPlaces } from '../../api/myPlaces';
import { useSession } from '../../api/session';
import { counted, formatCents, formatDate, todayInParis } from '../../lib/format';
import { saveFile } from '../../lib/saveFile';
import { chooseFor } from '../../ui/chosenOrganisation';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { placeMembership } from '../../ui/roles';
import { TableFrame } from '../../ui/TableFrame';
import { TEAM_ROLE_NAMES } from '../../ui/team/roleNames';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

/** « 120,00 »: an amount a French spreadsheet adds up, as the server's CSV files write it. */
const csvEuros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/** The statement in a few words: where it stands, and until when it may be contested. */
function statementState(s: MyPlaceStatement, now: number) {
  const until = new Date(s.contestableUntil);
  const contestable = s.status === 'issued' && until.getTime() > now;
  return `${standingHeadline(s)}${contestable ? `, contestable jusqu’au ${formatDate(todayInParis(until))} inclus` : ''}`;
}

const statementLine = (s: MyPlaceStatement, now: number) =>
  `${s.number} (${s.funderName}, ${s.programName}) : ${formatCents(s.totalCents)}, ${statementState(s, now).toLowerCase()}`;

/** The table as a file for a spreadsheet: the same rows and totals, French headers, « ; ». */
function tableCsv(o: MyPlaces, now: number): string {
  const month = frenchMonth(o.statementsMonth);
  const sumOf = (p: MyPlace) => (p.statements ?? []).reduce((n, s) => n + s.totalCents, 0);
  return frenchCsv([
    [
      'Lieu',
      'Commune',
      'Votre rôle',
      'Dû (€)',
      'Dû par financeur',
      `Relevés de ${month}`,
      `Total des relevés de ${month} (€)`,
      'État des relevés',
      'Séances du mois',
      'Compte bancaire',
    ],
    ...o.places.map((p) => [
      p.name,
      p.commune ?? '',
      TEAM_ROLE_NAMES[p.role] ?? p.role,
      p.owedCents === null ? 'non visible' : csvEuros(p.owedCents),
      (p.owedBy ?? []).map((f) => `${f.funderName} : ${formatCents(f.owedCents)}`).join(' ; '),
      p.statements === null ? 'non visible' : p.statements.length,
      p.statements === null ? '' : csvEuros(sumOf(p)),
      (p.statements ?? []).map((s) => statementLine(s, now)).join(' ; '),
      p.sessions,
      p.bankAccount ? 'Enregistré' : 'Non enregistré',
    ]),
    [
      `Total (${counted(o.totals.places, 'lieu', 'lieux')})`,
      '',
      '',
      csvEuros(o.totals.owedCents),
      '',
      o.totals.statements,
      csvEuros(o.totals.statementsCents),
      '',
      o.totals.sessions,
      `${o.totals.withoutBankAccount} sans compte`,
    ],
  ]);
}

/**
 * A link that makes the place the one the place's pages work for, then opens one of them: a
 * full page load, as « Changer » at the top does, so that nothing of the previous place stays.
 */
function PlaceLink({ place, to, children }: { place: MyPlace; to: string; children: ReactNode }) {
  return (
    <a href={to} onClick={() => chooseFor('place', place.placeId)}>
      {children}
    </a>
  );
}

/**
 * « Mes lieux »: every place where the person works, side by side, for whoever works for
 * several (a coordinator of six sites, a mediator at two places): what each is owed and by
 * whom, last month's statements and where they stand, this month's sessions, its bank account;
 * the totals; and the same table as a CSV file.
 */
export function MyPlacesPage() {
  useDocumentTitle('Mes lieux');
  const overview = useMyPlaces();
  return (
    <>
      <h1>Mes lieux</h1>
      <p>
        Les lieux où vous travaillez, côte à côte : ce qui est dû à chacun et par quel financeur, ses relevés
        du mois dernier et où ils en sont, ses séances du mois, son compte bancaire. Le nom d’un lieu vous
        fait travailler pour lui et ouvre ses relevés.
      </p>
      {overview.isPending ? (
        <Loading what="Chargement de vos lieux…" />
      ) : overview.error ? (
        <QueryError error={overview.error} what="vos lieux" />
      ) : (
        <Overview data={overview.data} />
      )}
    </>
  );
}

function Overview({ data: o }: { data: MyPlaces }) {
  const now = Date.now();
  const month = frenchMonth(o.statementsMonth);
  const { data: session } = useSession();
  const current = placeMembership(session)?.organisationId;
  // A site is added from a place the person runs: the one worked for if she runs it.
  const admins = o.places.filter((p) => p.role === 'place_admin');
  const from = admins.find((p) => p.placeId === current) ?? admins[0];
  return (
    <>
      {from && (
        <p>
          <PlaceLink place={from} to="/lieu/ajouter-un-site">
            Ajouter un site à la structure de « {from.name} »
          </PlaceLink>
        </p>
      )}
      <Button
        priority="secondary"
        iconId="fr-icon-download-line"
        className={fr.cx('fr-mb-2w')}
        onClick={() =>
          saveFile(
            new Blob([tableCsv(o, now)], { type: 'text/csv;charset=utf-8' }),
            `mes-lieux-${o.asOf}.csv`,
          )
        }
      >
        Télécharger le tableau (CSV)
      </Button>
      {o.statementsTruncated && (
        <p className={fr.cx('fr-text--sm')}>
          Vos lieux ont plus de relevés ce mois que le tableau n’en montre : ouvrez les relevés de chaque
          lieu.
        </p>
      )}
      <TableFrame stacked caption={`Vos lieux au ${formatDate(o.asOf)}`}>
        <thead>
          <tr>
            <th scope="col">Lieu</th>
            <th scope="col">Votre rôle</th>
            <th scope="col">Dû</th>
            <th scope="col">Relevés de {month}</th>
            <th scope="col">Séances du mois</th>
            <th scope="col">Compte bancaire</th>
          </tr>
        </thead>
        <tbody>
          {o.places.map((p) => (
            <tr key={p.placeId}>
              <th scope="row" data-label="Lieu">
                <PlaceLink place={p} to="/lieu/releves">
                  {p.name}
                </PlaceLink>
                {p.commune && (
                  <>
                    <br />
                    <span className={fr.cx('fr-text--sm')}>{p.commune}</span>
                  </>
                )}
              </th>
              <td data-label="Votre rôle">{TEAM_ROLE_NAMES[p.role] ?? p.role}</td>
              <td data-label="Dû">
                {p.owedCents === null ? (
                  '—'
                ) : (
                  <>
                    <span className="pn-nowrap">{formatCents(p.owedCents)}</span>
                    {p.owedBy?.map((f) => (
                      <span key={f.funderId} className={fr.cx('fr-text--sm')}>
                        <br />
                        {f.funderName} : <span className="pn-nowrap">{formatCents(f.owedCents)}</span>
                      </span>
                    ))}
                  </>
                )}
              </td>
              <td data-label={`Relevés de ${month}`}>
                {p.statements === null ? (
                  '—'
                ) : p.statements.length === 0 ? (
                  'Aucun'
                ) : (
                  <ul className={fr.cx('fr-raw-list')}>
                    {p.statements.map((s) => (
                      <li key={s.id}>
                        {s.number} · {s.funderName} ·{' '}
                        <span className="pn-nowrap">{formatCents(s.totalCents)}</span>
                        <br />
                        <span className={fr.cx('fr-text--sm')}>{statementState(s, now)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td data-label="Séances du mois">{p.sessions}</td>
              <td data-label="Compte bancaire">
                {p.bankAccount ? (
                  'Enregistré'
                ) : p.role === 'place_admin' ? (
                  <PlaceLink place={p} to="/lieu/qualification">
                    Non enregistré<span className={fr.cx('fr-sr-only')}> : l’enregistrer pour {p.name}</span>
                  </PlaceLink>
                ) : (
                  'Non enregistré'
                )}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row" data-label="Lieu">
              Total ({counted(o.totals.places, 'lieu', 'lieux')})
            </th>
            <td data-label="Votre rôle" />
            <td className="pn-nowrap" data-label="Dû">
              {formatCents(o.totals.owedCents)}
            </td>
            <td data-label={`Relevés de ${month}`}>
              {counted(o.totals.statements, 'relevé', 'relevés')}
              {o.totals.statements > 0 && (
                <>
                  , <span className="pn-nowrap">{formatCents(o.totals.statementsCents)}</span>
                </>
              )}
            </td>
            <td data-label="Séances du mois">{o.totals.sessions}</td>
            <td data-label="Compte bancaire">
              {o.totals.withoutBankAccount === 0
                ? 'Tous enregistrés'
                : `${o.totals.withoutBankAccount} sans compte`}
            </td>
          </tr>
        </tbody>
      </TableFrame>
    </>
  );
}
