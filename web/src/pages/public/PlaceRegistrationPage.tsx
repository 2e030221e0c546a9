import { fr } from '@codegouvfr/react-dsfr';
import { useNavigate } from '@tanstack/react-router';
import type { FormEvent } from 'react';
import { normaliseSiret, siretProblem } from '../../../../src/core/siret';
import { isPending, useRegisterPlace } from '../../api/placeProfiles';
import { newPasswordErrors } from '../../lib/password';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { PlaceProfileFields } from '../place/profile/PlaceProfileFields';
import { PublicFunderChoice } from '../place/profile/PublicFunderChoice';
import {
  emptyProfile,
  PROFILE_LABELS,
  type ProfileValues,
  profileInput,
  validateProfile,
} from '../place/profile/profileForm';

interface Values extends ProfileValues {
  siret: string;
  funderIds: string;
  'admin.displayName': string;
  'admin.email': string;
  'admin.password': string;
  passwordConfirmation: string;
}

const LABELS: Record<string, string> = {
  ...PROFILE_LABELS,
  siret: 'SIRET',
  funderIds: 'Financeurs',
  'admin.displayName': 'Votre nom',
  'admin.email': 'Votre adresse électronique',
  'admin.password': 'Mot de passe',
  passwordConfirmation: 'Confirmation du mot de passe',
};

function validate(v: Values): FieldErrors {
  const e = validateProfile(v);
  const siretWrong = siretProblem(v.siret);
  if (siretWrong) e.siret = siretWrong;
  if (!v.funderIds) e.funderIds = 'Choisissez au moins un financeur.';
  if (!v['admin.displayName'].trim()) e['admin.displayName'] = 'Indiquez votre nom.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v['admin.email'].trim()))
    e['admin.email'] = 'Une adresse comme prenom.nom@exemple.fr.';
  const pw = newPasswordErrors(v['admin.password'], v.passwordConfirmation);
  if (pw.password) e['admin.password'] = pw.password;
  if (pw.confirmation) e.passwordConfirmation = pw.confirmation;
  return e;
}

/**
 * A place of digital mediation registers itself (issue 11, point 4), without an account: its
 * description in the national standard's fields, the funders whose passes it wants to take
 * (each sees it as a candidate to qualify), and its admin's account. On a server that sends
 * e-mail, the page then asks to open the link sent to the admin's address; otherwise the admin
 * is signed in at once.
 */
export function PlaceRegistrationPage() {
  useDocumentTitle('Inscrire un lieu de médiation numérique');
  const register = useRegisterPlace();
  const navigate = useNavigate();
  const form = useForm<Values>(
    {
      ...emptyProfile(),
      siret: '',
      funderIds: '',
      'admin.displayName': '',
      'admin.email': '',
      'admin.password': '',
      passwordConfirmation: '',
    },
    validate,
  );
  const v = form.values;

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    register.mutate(
      {
        ...profileInput(v),
        siret: normaliseSiret(v.siret),
        funderIds: v.funderIds.split(',').filter(Boolean),
        admin: {
          displayName: v['admin.displayName'].trim(),
          email: v['admin.email'].trim(),
          password: v['admin.password'],
        },
      },
      {
        onSuccess: (answer) => {
          if (!isPending(answer)) void navigate({ to: '/lieu' });
        },
        onError: (e) => form.showApiError(e),
      },
    );
  };

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-10', 'fr-col-lg-8')}>
        <h1>Inscrire un lieu de médiation numérique</h1>
        {register.data && isPending(register.data) ? (
          <SuccessPanel title="Vérifiez votre messagerie">
            <p>
              Nous avons écrit à <strong>{v['admin.email'].trim()}</strong> : ouvrez le lien du courriel pour
              confirmer l’inscription de « {v.name.trim()} ». Il est valable 24 heures ; sans lui, rien n’est
              créé.
            </p>
            <p>
              Pensez à regarder dans les courriers indésirables. Si vous envoyez le formulaire une nouvelle
              fois, seul le lien du dernier courriel fonctionnera.
            </p>
          </SuccessPanel>
        ) : (
          <>
            <p>
              Votre lieu aide le public au numérique ? Décrivez-le avec les champs du standard national des
              lieux de médiation numérique, choisissez les financeurs dont vous souhaitez accepter les pass :
              chacun examinera votre candidature. Vous avez déjà un compte ?{' '}
              <a className={fr.cx('fr-link')} href="/connexion">
                Connectez-vous
              </a>
              .
            </p>
            <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
            <form onSubmit={onSubmit} noValidate>
              <fieldset className={fr.cx('fr-fieldset')}>
                <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>Le lieu</legend>
                <div className={fr.cx('fr-fieldset__element')}>
                  <TextField
                    name="name"
                    label={LABELS.name}
                    required
                    value={v.name}
                    onChange={form.set('name')}
                    error={form.errors.name}
                    autoComplete="organization"
                  />
                </div>
                <div className={fr.cx('fr-fieldset__element')}>
                  <TextField
                    name="siret"
                    label={LABELS.siret}
                    hint="14 chiffres, sur l’avis de situation INSEE (annuaire-entreprises.data.gouv.fr)."
                    required
                    inputMode="numeric"
                    className="pn-narrow"
                    value={v.siret}
                    onChange={form.set('siret')}
                    error={form.errors.siret}
                  />
                </div>
              </fieldset>
              <PlaceProfileFields values={v} set={form.set} errors={form.errors} />
              <PublicFunderChoice
                legend="Financeurs dont vous souhaitez accepter les pass"
                hint="Au moins un : chacun vous verra comme candidat et décidera de vous qualifier."
                communeCode={v.communeCode}
                value={v.funderIds}
                onChange={form.set('funderIds')}
                error={form.errors.funderIds}
              />
              <fieldset className={fr.cx('fr-fieldset')}>
                <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>
                  Votre compte d’administrateur du lieu
                </legend>
                <div className={fr.cx('fr-fieldset__element')}>
                  <TextField
                    name="admin.displayName"
                    label={LABELS['admin.displayName']}
                    required
                    autoComplete="name"
                    value={v['admin.displayName']}
                    onChange={form.set('admin.displayName')}
                    error={form.errors['admin.displayName']}
                  />
                </div>
                <div className={fr.cx('fr-fieldset__element')}>
                  <TextField
                    name="admin.email"
                    label={LABELS['admin.email']}
                    required
                    type="email"
                    inputMode="email"
                    autoComplete="email"
                    value={v['admin.email']}
                    onChange={form.set('admin.email')}
                    error={form.errors['admin.email']}
                  />
                </div>
                <div className={fr.cx('fr-fieldset__element')}>
                  <TextField
                    name="admin.password"
                    label={LABELS['admin.password']}
                    hint="12 caractères au moins ; une phrase de plusieurs mots sans rapport entre eux est idéale."
                    required
                    type="password"
                    autoComplete="new-password"
                    value={v['admin.password']}
                    onChange={form.set('admin.password')}
                    error={form.errors['admin.password']}
                  />
                </div>
                <div className={fr.cx('fr-fieldset__element')}>
                  <TextField
                    name="passwordConfirmation"
                    label={LABELS.passwordConfirmation}
                    required
                    type="password"
                    autoComplete="new-password"
                    value={v.passwordConfirmation}
                    onChange={form.set('passwordConfirmation')}
                    error={form.errors.passwordConfirmation}
                  />
                </div>
              </fieldset>
              <SubmitButton pending={register.isPending}>Inscrire le lieu</SubmitButton>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
