import { fr } from '@codegouvfr/react-dsfr';
import type { FormEvent } from 'react';
import { useRequestPasswordReset } from '../../api/session';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

const LABELS = { email: 'Adresse électronique' };
type Values = { email: string };

function validate(v: Values): FieldErrors {
  return v.email.trim() ? {} : { email: 'Saisissez l’adresse électronique de votre compte.' };
}

/** « Mot de passe oublié ? »: a link to choose a new password is sent to the account's address. */
export function PasswordResetRequestPage() {
  useDocumentTitle('Mot de passe oublié');
  const form = useForm<Values>({ email: '' }, validate);
  const request = useRequestPasswordReset();

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    request.mutate({ email: form.values.email.trim() }, { onError: (e) => form.showApiError(e) });
  };

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <h1>Mot de passe oublié</h1>
        {request.isSuccess ? (
          // Without e-mail (a server with no SMTP), no success: a green « Demande enregistrée »
          // stood above « nous ne pouvons pas vous envoyer de courriel ».
          <SuccessPanel
            title={
              request.data.sentByEmail ? 'Demande enregistrée' : 'Aucun courriel ne peut vous être envoyé'
            }
            severity={request.data.sentByEmail ? 'success' : 'info'}
          >
            <p>{request.data.message}</p>
            {request.data.sentByEmail && <p>Pensez à regarder dans les courriers indésirables.</p>}
          </SuccessPanel>
        ) : (
          <>
            <p>
              Indiquez l’adresse électronique de votre compte : nous y enverrons un lien pour choisir un
              nouveau mot de passe.
            </p>
            <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
            <form onSubmit={onSubmit} noValidate>
              <TextField
                name="email"
                label={LABELS.email}
                type="email"
                autoComplete="username"
                inputMode="email"
                required
                value={form.values.email}
                onChange={form.set('email')}
                error={form.errors.email}
              />
              <SubmitButton pending={request.isPending}>Recevoir un lien</SubmitButton>
            </form>
          </>
        )}
        <p className={fr.cx('fr-mt-4w')}>
          <a className={fr.cx('fr-link')} href="/connexion">
            Retour à la connexion
          </a>
        </p>
      </div>
    </div>
  );
}
