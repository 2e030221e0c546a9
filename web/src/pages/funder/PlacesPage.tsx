import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { points } from '../../../../src/core/french';
import { useFunderPrograms } from '../../api/programs';
import { type RosterEntry, STANDING_LABELS, useAddPlace, useRoster } from '../../api/qualification';
import { useSession } from '../../api/session';
import type { ProgramSummary } from '../../api/types';
import { formatInt } from '../../lib/format';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { useListFilter } from '../../ui/ListFilter';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { useShowMore } from '../../ui/ShowMore';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { CommuneField } from '../prescriber/CommuneField';
import { fieldError, ProblemAlert } from './qualification/ProblemAlert';

const TITLE = 'Lieux de médiation';

/**
 * The funder's roster of places (issue 11, point 4): each place's standing for each programme,
 * its application's score; its admins add places here (a place already on the platform under
 * the same SIRET is shared, not copied).
 */
export function PlacesPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const membership = funderMembership(session);
  if (!membership) return null;
  const admin = isFunderAdmin(session, membership.funderId);
  return (
    <>
      <h1>{TITLE}</h1>
      <p>
        Les lieux encaissent les pass des dispositifs qui les ont qualifiés. Un lieu candidate (questionnaire,
        charte, compte bancaire), puis vous l’approuvez, le refusez, le suspendez ou le retirez, dispositif
        par dispositif. <Link to="/financeur/qualification">Votre questionnaire et votre charte</Link>.
      </p>
      {admin && (
        <p>
          <a href="#nouveau-lieu">Ajouter un lieu</a>, ou beaucoup d’un coup :{' '}
          <Link to="/financeur/lieux/import">Import de lieux</Link> depuis un fichier au standard national des
          lieux de médiation numérique.
        </p>
      )}
      <Roster funderId={membership.funderId} />
      {admin && (
        <section aria-labelledby="nouveau-lieu" className={fr.cx('fr-mt-6w')}>
          <h2 id="nouveau-lieu">Ajouter un lieu</h2>
          <AddPlaceForm funderId={membership.funderId} />
        </section>
      )}
    </>
  );
}

function Roster({ funderId }: { funderId: string }) {
  const roster = useRoster(funderId);
  const programs = useFunderPrograms(funderId);
  if (roster.isPending || programs.isPending) return <Loading what="Chargement des lieux…" />;
  if (roster.isError) return <QueryError error={roster.error} what="La liste des lieux" />;
  if (programs.isError) return <QueryError error={programs.error} what="La liste des dispositifs" />;
  if (roster.data.length === 0) return <p>Aucun lieu n’est encore enregistré.</p>;
  return <RosterTable roster={roster.data} programs={programs.data} />;
}

const searchText = (p: RosterEntry) => [p.name, p.communeName ?? ''].join(' ');

const FILTER = {
  id: 'recherche-lieux',
  label: 'Rechercher un lieu',
  hint: 'Son nom ou sa commune',
  noun: ['lieu', 'lieux'] as [string, string],
};

function RosterTable({ roster, programs }: { roster: RosterEntry[]; programs: ProgramSummary[] }) {
  const filter = useListFilter(roster, searchText, FILTER);
  const page = useShowMore(filter.kept, FILTER.noun);
  const n = filter.kept.length;
  if (n === 0)
    return (
      <>
        {filter.element}
        <p>Aucun lieu ne correspond à cette recherche.</p>
      </>
    );
  return (
    <>
      {roster.length > 10 && filter.element}
      <TableFrame
        caption={
          page.capped
            ? `${formatInt(n)} lieux, les ${formatInt(page.shown.length)} premiers affichés`
            : `${formatInt(n)} lieu${n > 1 ? 'x' : ''}`
        }
      >
        <thead>
          <tr>
            <th scope="col">Lieu</th>
            <th scope="col">Commune</th>
            <th scope="col">Dispositifs : qualification et candidature</th>
          </tr>
        </thead>
        <tbody>
          {page.shown.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to="/financeur/lieux/$placeId" params={{ placeId: p.id }}>
                  {p.name}
                </Link>
                {p.shared && (
                  <>
                    {' '}
                    <Badge small severity="info" noIcon>
                      Partagé
                    </Badge>
                  </>
                )}
              </th>
              <td>{p.communeName ?? '—'}</td>
              <td>
                <Standings place={p} programs={programs} />
              </td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
      {page.more}
    </>
  );
}

function Standings({ place, programs }: { place: RosterEntry; programs: ProgramSummary[] }) {
  const rows = programs.filter(
    (pr) =>
      place.standings.some((s) => s.programId === pr.id) ||
      place.applications.some((a) => a.programId === pr.id),
  );
  if (rows.length === 0) return <>Aucune candidature</>;
  return (
    <ul className={fr.cx('fr-raw-list')}>
      {rows.map((pr) => {
        const standing = place.standings.find((s) => s.programId === pr.id)?.standing ?? 'none';
        const application = place.applications.find((a) => a.programId === pr.id);
        return (
          <li key={pr.id}>
            {pr.name} : {STANDING_LABELS[standing]}
            {application && ` — candidature : ${points(application.score)} (seuil ${application.passMark})`}
          </li>
        );
      })}
    </ul>
  );
}

function AddPlaceForm({ funderId }: { funderId: string }) {
  const add = useAddPlace(funderId);
  const [values, setValues] = useState({ name: '', siret: '', communeCode: '' });
  const [added, setAdded] = useState<{ id: string; name: string; shared: boolean } | null>(null);
  const set = (k: keyof typeof values) => (v: string) => setValues({ ...values, [k]: v });
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    add.mutate(
      { name: values.name.trim(), siret: values.siret, communeCode: values.communeCode },
      {
        onSuccess: (p) => {
          setAdded(p);
          setValues({ name: '', siret: '', communeCode: '' });
        },
      },
    );
  };
  const issue = (field: string) => fieldError(add.error, field);
  return (
    <>
      {added && (
        <SuccessPanel key={added.id} title={`Lieu « ${added.name} » ajouté`} as="h3">
          {added.shared ? (
            <p>
              Ce lieu était déjà sur la plateforme, avec un autre financeur : il est partagé, avec son compte
              et ses clés.
            </p>
          ) : (
            // The invitation is made on the place's page (the team page invites the funder's colleagues).
            <p>
              Invitez son administrateur depuis la page du lieu : il pourra candidater à vos dispositifs.{' '}
              <Link to="/financeur/lieux/$placeId" params={{ placeId: added.id }} hash="inviter-admin">
                Inviter l’administrateur de « {added.name} »
              </Link>
            </p>
          )}
        </SuccessPanel>
      )}
      <ProblemAlert error={add.error} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="name"
          label="Nom du lieu"
          required
          value={values.name}
          onChange={set('name')}
          error={issue('name')}
        />
        <TextField
          name="siret"
          label="SIRET du lieu"
          hint="14 chiffres : un lieu déjà sur la plateforme sous ce SIRET est partagé."
          inputMode="numeric"
          className="pn-narrow"
          required
          value={values.siret}
          onChange={set('siret')}
          error={issue('siret')}
        />
        <CommuneField
          key={added?.id}
          name="communeCode"
          label="Commune du lieu"
          value={values.communeCode}
          onChange={set('communeCode')}
          error={issue('communeCode')}
        />
        <SubmitButton pending={add.isPending}>Ajouter le lieu</SubmitButton>
      </form>
    </>
  );
}
