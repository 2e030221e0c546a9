import { fr } from '@codegouvfr/react-dsfr';
import { type FormEvent, useState } from 'react';
import { type PlaceWithProfile, useAddPlaceSite, usePlaceProfile } from '../../api/placeProfiles';
import { useSession } from '../../api/session';
import type { Session } from '../../api/types';
import { chooseFor } from '../../ui/chosenOrganisation';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { isPlaceAdmin, placeMembership } from '../../ui/roles';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { PlaceProfileFields } from './profile/PlaceProfileFields';
import { PublicFunderChoice } from './profile/PublicFunderChoice';
import {
  emptyProfile,
  PROFILE_LABELS,
  type ProfileValues,
  profileInput,
  validateProfile,
} from './profile/profileForm';

interface Values extends ProfileValues {
  funderIds: string;
}

const LABELS: Record<string, string> = { ...PROFILE_LABELS, funderIds: 'Financeurs' };

function validate(v: Values): FieldErrors {
  const e = validateProfile(v);
  if (!v.funderIds) e.funderIds = 'Choisissez au moins un financeur.';
  return e;
}

/**
 * The form starts from what the sites of one structure usually share: the services, publics,
 * modes and fees of the place, its website, and the funders whose passes it takes. Name,
 * address, hours and contact are the new site's own.
 */
function startingValues(place: PlaceWithProfile, session: Session | null | undefined): Values {
  const p = place.profile;
  const funderIds = (session?.memberships ?? [])
    .filter((m) => m.organisationId === place.placeId && m.funderId)
    .map((m) => m.funderId as string);
  return {
    ...emptyProfile(),
    services: p?.services.join(',') ?? '',
    publics: p?.publics.join(',') ?? '',
    specificSupport: p?.specificSupport.join(',') ?? '',
    accessModes: p?.accessModes.join(',') ?? '',
    supportModes: p?.supportModes.join(',') ?? '',
    fees: p?.fees.join(',') ?? '',
    website: p?.website ?? '',
    funderIds: [...new Set(funderIds)].join(','),
  };
}

/**
 * « Ajouter un site »: an association that runs several places of mediation under one SIRET
 * adds another from its admin's own account (the registration refuses a SIRET already on the
 * platform). The new site takes the place's SIRET, is described as at registration, and each
 * funder chosen examines it as a candidate; its admin is the person. Once added, the console
 * works for the new site, named in the success panel with what to do next.
 */
export function AddSitePage() {
  useDocumentTitle('Ajouter un site');
  const { data: session } = useSession();
  const place = placeMembership(session);
  const profile = usePlaceProfile(place?.organisationId ?? '');
  const [added, setAdded] = useState<{ site: PlaceWithProfile; from: string } | null>(null);
  if (!place) return null;
  return (
    <>
      <h1>Ajouter un site</h1>
      {added ? (
        <SuccessPanel key={added.site.placeId} title={`Site « ${added.site.name} » ajouté`}>
          <p>
            Vous en êtes l’administrateur, avec le SIRET {added.site.siret} de « {added.from} ». Vous
            travaillez maintenant pour ce site : chaque financeur choisi l’examinera comme candidat. Ouvrez sa{' '}
            <a className={fr.cx('fr-link')} href="/lieu/qualification">
              qualification
            </a>{' '}
            pour répondre à ses questions, ou sa{' '}
            <a className={fr.cx('fr-link')} href="/lieu/profil">
              fiche
            </a>{' '}
            pour la compléter.
          </p>
        </SuccessPanel>
      ) : !isPlaceAdmin(session, place.organisationId) ? (
        <div className={fr.cx('fr-alert', 'fr-alert--info')}>
          <h2 className={fr.cx('fr-alert__title')}>Réservé à l’administrateur du lieu</h2>
          <p>Seul l’administrateur du lieu ajoute un site de sa structure : demandez-lui de le faire.</p>
        </div>
      ) : profile.isPending ? (
        <Loading />
      ) : profile.isError ? (
        <QueryError error={profile.error} what="la fiche du lieu" />
      ) : !profile.data.siret ? (
        <div className={fr.cx('fr-alert', 'fr-alert--info')}>
          <h2 className={fr.cx('fr-alert__title')}>Ce lieu n’a pas de SIRET sur la plateforme</h2>
          <p>
            Un nouveau site prend le SIRET du lieu : inscrivez-le avec son SIRET, ou demandez à un financeur
            de l’ajouter.
          </p>
        </div>
      ) : (
        <SiteForm
          key={profile.data.placeId}
          place={profile.data}
          session={session}
          onAdded={(site) => {
            // The console works for the new site from now on: the session read again holds it.
            chooseFor('place', site.placeId);
            setAdded({ site, from: profile.data.name });
          }}
        />
      )}
    </>
  );
}

function SiteForm({
  place,
  session,
  onAdded,
}: {
  place: PlaceWithProfile;
  session: Session | null | undefined;
  onAdded: (site: PlaceWithProfile) => void;
}) {
  const add = useAddPlaceSite(place.placeId);
  const form = useForm<Values>(startingValues(place, session), validate);
  const v = form.values;
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    add.mutate(
      { ...profileInput(v), funderIds: v.funderIds.split(',').filter(Boolean) },
      { onSuccess: onAdded, onError: (e) => form.showApiError(e) },
    );
  };
  return (
    <>
      <p>
        Votre structure accueille aussi le public dans un autre lieu ? Ajoutez-le ici : il prend le SIRET de «{' '}
        {place.name} » ({place.siret}), vous en devenez l’administrateur, et chaque financeur choisi l’examine
        comme candidat, comme à l’inscription. Les services, publics, modalités, frais, site internet et
        financeurs sont repris de « {place.name} » : modifiez-les si le nouveau site diffère.
      </p>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <fieldset className={fr.cx('fr-fieldset')}>
          <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>Le nouveau site</legend>
          <div className={fr.cx('fr-fieldset__element')}>
            <TextField
              name="name"
              label={LABELS.name}
              hint="Un nom qui le distingue des autres sites de la structure : son quartier, sa rue, sa commune."
              required
              value={v.name}
              onChange={form.set('name')}
              error={form.errors.name}
            />
          </div>
        </fieldset>
        <PlaceProfileFields values={v} set={form.set} errors={form.errors} />
        <PublicFunderChoice
          legend="Financeurs dont le site souhaite accepter les pass"
          hint="Au moins un : chacun verra le site comme candidat et décidera de le qualifier."
          communeCode={v.communeCode}
          value={v.funderIds}
          onChange={form.set('funderIds')}
          error={form.errors.funderIds}
        />
        <SubmitButton pending={add.isPending}>Ajouter le site</SubmitButton>
      </form>
    </>
  );
}
