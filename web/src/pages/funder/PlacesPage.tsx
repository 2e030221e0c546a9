import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { points } from '../../../../src/core/french';
import { isApiError } from '../../api/client';
import { useFunderPrograms } from '../../api/programs';
import {
  type AddedPlace,
  type RosterEntry,
  STANDING_LABELS,
  useAddPlace,
  useJoinPlace,
  usePlatformPlaces,
  useRoster,
} from '../../api/qualification';
import { useSession } from '../../api/session';
import type { ProgramSummary } from '../../api/types';
import { formatInt } from '../../lib/format';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { ConfirmCheckbox, useConfirmation } from '../../ui/form/useConfirmation';
import { useListFilter } from '../../ui/ListFilter';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { useShowMore } from '../../ui/ShowMore';
import { byText, SortableHeader, useSort } from '../../ui/SortableHeader';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { CommuneField } from '../prescriber/CommuneField';
import { StandardExportLinks } from './places/StandardExportLinks';
import { fieldError, ProblemAlert } from './qualification/ProblemAlert';

const TITLE = 'Lieux de médiation';

/**
 * The funder's roster of places (issue 11, point 4): each place's standing for each programme,
 * its application's score; its admins add places here, found by name among those already on the
 * platform (a place is shared, not copied) or new.
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
      <StandardExportLinks funderId={membership.funderId} />
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

const COLUMNS = {
  name: byText((p: RosterEntry) => p.name),
  commune: byText((p: RosterEntry) => p.communeName),
};

function RosterTable({ roster, programs }: { roster: RosterEntry[]; programs: ProgramSummary[] }) {
  // Sorted whole, then searched and cut to the first hundred: those are the first of the list.
  const sort = useSort(roster, COLUMNS);
  const filter = useListFilter(sort.rows, searchText, FILTER);
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
            <SortableHeader sort={sort} column="name">
              Lieu
            </SortableHeader>
            <SortableHeader sort={sort} column="commune">
              Commune
            </SortableHeader>
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

/** A place just added: created here, or one of the platform chosen by name. */
type Added = AddedPlace & { joined: boolean };

/**
 * Adding a place: first among those already on the platform, found by name (a place is one
 * organisation shared by its funders, and nobody knows its SIRET by heart); else a new one. A
 * new place whose SIRET is another place's, or whose name is close to a place's of the same
 * commune, is refused naming that place, which the funder may add instead, or confirm that its
 * place is another site of the same structure (same SIRET) or another place (close name).
 */
function AddPlaceForm({ funderId }: { funderId: string }) {
  const [added, setAdded] = useState<Added | null>(null);
  const join = useJoinPlace(funderId);
  const joinPlace = (placeId: string) => {
    setAdded(null);
    join.mutate(placeId, { onSuccess: (p) => setAdded({ ...p, joined: true }) });
  };
  return (
    <>
      {added && <AddedPanel added={added} />}
      <ProblemAlert error={join.error} />
      <PlatformPlaceSearch funderId={funderId} onJoin={joinPlace} joining={join.isPending} />
      <h3 className={fr.cx('fr-mt-4w')}>Un lieu qui n’est pas encore sur la plateforme</h3>
      <NewPlaceForm
        funderId={funderId}
        onAdded={(p) => setAdded({ ...p, joined: false })}
        onJoin={joinPlace}
        joining={join.isPending}
      />
    </>
  );
}

function AddedPanel({ added }: { added: Added }) {
  return (
    <SuccessPanel key={added.id} title={`Lieu « ${added.name} » ajouté`} as="h3">
      {added.shared && !added.joined ? (
        // Joined by its SIRET and its name: the funder sees which place of the platform it is.
        <p>
          Un lieu de ce SIRET et de ce nom était déjà sur la plateforme : « {added.name} » (
          {placeWhere(added)}) est ajouté à vos lieux tel qu’il est, avec son compte et ses clés.{' '}
          <Link to="/financeur/lieux/$placeId" params={{ placeId: added.id }}>
            Voir « {added.name} »
          </Link>
        </p>
      ) : added.joined ? (
        <p>
          Ce lieu était déjà sur la plateforme : il est ajouté à vos lieux tel qu’il est, avec son compte et
          ses clés.{' '}
          <Link to="/financeur/lieux/$placeId" params={{ placeId: added.id }}>
            Voir « {added.name} »
          </Link>
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
  );
}

const placeWhere = (p: { communeName: string | null; siret: string | null }) =>
  [p.communeName ?? 'commune non renseignée', p.siret ? `SIRET ${p.siret}` : null]
    .filter(Boolean)
    .join(' — ');

/** The places of the platform by name, each with its commune, to add to the roster. */
function PlatformPlaceSearch({
  funderId,
  onJoin,
  joining,
}: {
  funderId: string;
  onJoin: (placeId: string) => void;
  joining: boolean;
}) {
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const found = usePlatformPlaces(funderId, asked);
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setAsked(q.trim());
  };
  const n = found.data?.places.length ?? 0;
  const status = found.isFetching
    ? 'Recherche en cours…'
    : found.isSuccess
      ? n === 0
        ? 'Aucun lieu de la plateforme ne porte ce nom.'
        : `${n} lieu${n > 1 ? 'x' : ''} trouvé${n > 1 ? 's' : ''}${found.data.more ? ', et d’autres encore : précisez le nom' : ''}.`
      : '';
  return (
    <>
      <h3>Un lieu déjà sur la plateforme</h3>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="q"
          label="Lieu déjà sur la plateforme"
          hint="Une partie de son nom, majuscules et accents indifférents : un lieu qui travaille déjà avec un autre financeur est partagé, avec son compte et son historique."
          autoComplete="off"
          className="pn-narrow"
          value={q}
          onChange={setQ}
          error={fieldError(found.error, 'q')}
        />
        <SubmitButton pending={found.isFetching}>Chercher le lieu</SubmitButton>
      </form>
      <p role="status" className={fr.cx('fr-mt-2w', 'fr-mb-2w')}>
        {status}
      </p>
      {found.isError && !fieldError(found.error, 'q') && (
        <QueryError error={found.error} what="Cette recherche" />
      )}
      {n > 0 && (
        <ul data-testid="platform-places">
          {found.data!.places.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong> — {placeWhere(p)}{' '}
              {p.onRoster ? (
                <>
                  : déjà dans{' '}
                  <Link to="/financeur/lieux/$placeId" params={{ placeId: p.id }}>
                    vos lieux
                  </Link>
                </>
              ) : (
                <Button
                  type="button"
                  size="small"
                  priority="secondary"
                  disabled={joining}
                  onClick={() => onJoin(p.id)}
                >
                  Ajouter à vos lieux<span className={fr.cx('fr-sr-only')}> : « {p.name} »</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function NewPlaceForm({
  funderId,
  onAdded,
  onJoin,
  joining,
}: {
  funderId: string;
  onAdded: (p: AddedPlace) => void;
  onJoin: (placeId: string) => void;
  joining: boolean;
}) {
  const add = useAddPlace(funderId);
  const [values, setValues] = useState({ name: '', siret: '', communeCode: '' });
  const [formKey, setFormKey] = useState(0);
  // A close name in the same commune: created only once the funder says it is another place.
  const another = useConfirmation('place_similar_exists', `${values.name.trim()}|${values.communeCode}`);
  // A SIRET whose places bear other names: created only once the funder says it is another site
  // of the same structure (an association whose sites have its head office's SIRET).
  const otherSite = useConfirmation(
    'place_siret_differs',
    `${values.siret.replace(/\s/g, '')}|${values.name.trim()}|${values.communeCode}`,
  );
  const set = (k: keyof typeof values) => (v: string) => setValues({ ...values, [k]: v });
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    add.mutate(
      {
        name: values.name.trim(),
        siret: values.siret,
        communeCode: values.communeCode,
        ...(another.confirmed ? { confirmNewPlace: true } : {}),
        ...(otherSite.confirmed ? { confirmOtherSite: true } : {}),
      },
      {
        onSuccess: (p) => {
          onAdded(p);
          setValues({ name: '', siret: '', communeCode: '' });
          setFormKey((k) => k + 1);
        },
        onError: (e) => {
          another.onError(e);
          otherSite.onError(e);
        },
      },
    );
  };
  const issue = (field: string) => fieldError(add.error, field);
  const named = isApiError(add.error) ? (add.error.problem.places ?? []) : [];
  return (
    <>
      <ProblemAlert error={add.error} />
      {named.length > 0 && (
        <ul data-testid="named-places" className={fr.cx('fr-mb-2w')}>
          {named.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong> — {placeWhere(p)}{' '}
              <Button
                type="button"
                size="small"
                priority="secondary"
                disabled={joining}
                onClick={() => {
                  add.reset();
                  onJoin(p.id);
                }}
              >
                Ajouter ce lieu à vos lieux<span className={fr.cx('fr-sr-only')}> : « {p.name} »</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
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
          hint="14 chiffres : un lieu déjà sur la plateforme sous ce SIRET et ce nom est partagé."
          inputMode="numeric"
          className="pn-narrow"
          required
          value={values.siret}
          onChange={set('siret')}
          error={issue('siret')}
        />
        <CommuneField
          key={formKey}
          name="communeCode"
          label="Commune du lieu"
          value={values.communeCode}
          onChange={set('communeCode')}
          error={issue('communeCode')}
        />
        <ConfirmCheckbox
          name="confirmOtherSite"
          label="C’est un autre site de la même structure, sous le même SIRET : le créer"
          of={otherSite}
        />
        <ConfirmCheckbox
          name="confirmNewPlace"
          label="C’est un autre lieu que celui de la plateforme : le créer"
          of={another}
        />
        <SubmitButton pending={add.isPending}>Ajouter le lieu</SubmitButton>
      </form>
    </>
  );
}
