import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { useConfirmPasswordReset, usePasswordResetLink } from '../../api/session';
import { newPasswordErrors } from '../../lib/password';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { fieldOf, NewPasswordFields } from '../../ui/form/NewPasswordFields';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { Loading } from '../../ui/Loading';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

const LABELS = { password: 'Nouveau mot de passe', confirmation: 'Confirmation du nouveau mot de passe' };
type Values = { password: string; confirmation: string };

function validate(v: Values): FieldErrors {
  const e = newPasswordErrors(v.password, v.confirmation);
  return {
    ...(e.password ? { password: e.password } : {}),
    ...(e.confirmation ? { confirmation: e.confirmation } : {}),
  };
}

/** The e-mailed link: choosing a new password (the server checks how hard it is to guess). */
export function PasswordResetPage({ token }: { token: string }) {
  useDocumentTitle('Nouveau mot de passe');
  const form = useForm<Values>({ password: '', confirmation: '' }, validate);
  const confirm = useConfirmPasswordReset();
  const link = usePasswordResetLink(token);
  // Only the server's word that the link is spent, or cut short when copied, hides the form: a
  // check that failed on the way (the network) leaves it, and the confirmation says what the
  // server finds.
  const spent =
    isApiError(link.error) &&
    (link.error.code === 'password_reset_invalid' || link.error.code === 'link_incomplete')
      ? link.error
      : null;

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    confirm.mutate({ token, password: form.values.password }, { onError: (e) => form.showApiError(e) });
  };

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <h1>Choisir un nouveau mot de passe</h1>
        {confirm.isSuccess ? (
          <SuccessPanel title="Mot de passe changé">
            <p>Toutes les sessions ouvertes avec l’ancien mot de passe ont été fermées.</p>
            <p>
              <a className={fr.cx('fr-link')} href="/connexion">
                Se connecter
              </a>
            </p>
          </SuccessPanel>
        ) : link.isPending ? (
          <Loading what="Vérification du lien…" />
        ) : spent ? (
          <>
            <Alert
              severity="error"
              as="h2"
              title={
                spent.code === 'link_incomplete' ? 'Ce lien est incomplet' : 'Ce lien ne peut plus servir'
              }
              description={spent.detail}
            />
            <NewLinkLink />
          </>
        ) : (
          <>
            <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
            <form onSubmit={onSubmit} noValidate>
              <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires.</p>
              <NewPasswordFields
                password={fieldOf(form, 'password', LABELS.password)}
                confirmation={fieldOf(form, 'confirmation', LABELS.confirmation)}
              />
              <SubmitButton pending={confirm.isPending}>Enregistrer le mot de passe</SubmitButton>
            </form>
            <NewLinkLink />
          </>
        )}
      </div>
    </div>
  );
}

function NewLinkLink() {
  return (
    <p className={fr.cx('fr-mt-4w')}>
      <a className={fr.cx('fr-link')} href="/mot-de-passe-oublie">
        Demander un nouveau lien
      </a>
    </p>
  );
}
