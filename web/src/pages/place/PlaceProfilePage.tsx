import { fr } from '@codegouvfr/react-dsfr';
import { type FormEvent, useState } from 'react';
import { type PlaceWithProfile, usePlaceProfile, useSavePlaceProfile } from '../../api/placeProfiles';
import { useSession } from '../../api/session';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { useForm } from '../../ui/form/useForm';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { isPlaceAdmin, placeMembership } from '../../ui/roles';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { PlaceProfileFields } from './profile/PlaceProfileFields';
import { PROFILE_LABELS, profileInput, profileValuesOf, validateProfile } from './profile/profileForm';

/**
 * The place's description in the national standard, kept by its admin (its agents read it):
 * what the public directory and the national cartography show. A place a funder created
 * starts without one; the desk asks its admin to complete it here.
 */
export function PlaceProfilePage() {
  useDocumentTitle('Fiche du lieu');
  const { data: session } = useSession();
  const place = placeMembership(session);
  const profile = usePlaceProfile(place?.organisationId ?? '');
  if (!place) return null;
  return (
    <>
      <h1>Fiche du lieu</h1>
      {profile.isPending ? (
        <Loading />
      ) : profile.isError ? (
        <QueryError error={profile.error} what="la fiche du lieu" />
      ) : (
        <ProfileForm
          key={profile.data.placeId}
          place={profile.data}
          admin={isPlaceAdmin(session, place.organisationId)}
        />
      )}
    </>
  );
}

function ProfileForm({ place, admin }: { place: PlaceWithProfile; admin: boolean }) {
  const form = useForm(profileValuesOf(place), validateProfile);
  const save = useSavePlaceProfile(place.placeId);
  const [saved, setSaved] = useState(0);
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    save.mutate(profileInput(form.values), {
      onSuccess: () => setSaved((n) => n + 1),
      onError: (e) => form.showApiError(e),
    });
  };
  const commune =
    place.communeCode && place.communeName
      ? {
          code: place.communeCode,
          name: place.communeName,
          postcodes: place.profile ? [place.profile.postcode] : [],
          departement: place.communeCode.slice(0, 2),
        }
      : null;
  return (
    <>
      <p className={fr.cx('fr-text--lead')}>
        {place.name}
        {place.siret ? ` — SIRET ${place.siret}` : ''}
      </p>
      <p>
        Ces informations suivent le standard national des lieux de médiation numérique : l’annuaire public des
        lieux qui acceptent les pass et la cartographie nationale les reprennent.
      </p>
      {!place.profile && (
        <div className={fr.cx('fr-alert', 'fr-alert--info', 'fr-mb-4w')}>
          <h2 className={fr.cx('fr-alert__title')}>Complétez la fiche de votre lieu</h2>
          <p>Sans adresse, horaires ni services, votre lieu n’apparaît pas dans l’annuaire des lieux.</p>
        </div>
      )}
      {saved > 0 && <SuccessPanel key={saved} title="Fiche du lieu enregistrée" />}
      {!admin && (
        <div className={fr.cx('fr-alert', 'fr-alert--info', 'fr-mb-4w')}>
          <h2 className={fr.cx('fr-alert__title')}>Réservé à l’administrateur du lieu</h2>
          <p>Vous pouvez lire la fiche ; son administrateur la modifie.</p>
        </div>
      )}
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={PROFILE_LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <fieldset className={fr.cx('fr-fieldset')} disabled={!admin}>
          <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>Le lieu</legend>
          <div className={fr.cx('fr-fieldset__element')}>
            <TextField
              name="name"
              label={PROFILE_LABELS.name}
              required
              value={form.values.name}
              onChange={form.set('name')}
              error={form.errors.name}
            />
          </div>
        </fieldset>
        <fieldset className="pn-hours-day" disabled={!admin}>
          <legend className={fr.cx('fr-sr-only')}>Description du lieu</legend>
          <PlaceProfileFields
            values={form.values}
            set={form.set}
            errors={form.errors}
            initialCommune={commune}
          />
        </fieldset>
        {admin && <SubmitButton pending={save.isPending}>Enregistrer la fiche</SubmitButton>}
      </form>
      {admin && place.siret && (
        <section className={fr.cx('fr-mt-6w')}>
          <h2 className={fr.cx('fr-h5')}>Un autre site de votre structure ?</h2>
          <p>
            Votre structure accueille aussi le public ailleurs, sous le même SIRET ? Ajoutez ce site : vous en
            serez l’administrateur, et les financeurs choisis l’examineront comme candidat.
          </p>
          <a
            className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-icon-add-line', 'fr-btn--icon-left')}
            href="/lieu/ajouter-un-site"
          >
            Ajouter un site
          </a>
        </section>
      )}
    </>
  );
}
