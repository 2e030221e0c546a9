import { fr } from '@codegouvfr/react-dsfr';
import { type FormEvent, useState } from 'react';
import { useChangePassword, useSession } from '../../api/session';
import { newPasswordErrors } from '../../lib/password';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { fieldOf, NewPasswordFields } from '../../ui/form/NewPasswordFields';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

const LABELS = {
  currentPassword: 'Mot de passe actuel',
  newPassword: 'Nouveau mot de passe',
  confirmation: 'Confirmation du nouveau mot de passe',
};

type Values = { currentPassword: string; newPassword: string; confirmation: string };

// Only what the browser can tell; whether the new password is too easy to guess is the
// server's call (its dictionaries stay out of the web bundle), shown next to the field.
function validate(v: Values): FieldErrors {
  const e: FieldErrors = {};
  if (!v.currentPassword) e.currentPassword = 'Saisissez votre mot de passe actuel.';
  const fresh = newPasswordErrors(v.newPassword, v.confirmation);
  if (fresh.password) e.newPassword = fresh.password;
  if (fresh.confirmation) e.confirmation = fresh.confirmation;
  return e;
}

/** "Mon compte": who is signed in, and changing the password (for every role). */
export function AccountPage() {
  useDocumentTitle('Mon compte');
  const { data: session } = useSession();
  const form = useForm<Values>({ currentPassword: '', newPassword: '', confirmation: '' }, validate);
  const change = useChangePassword();
  const [changes, setChanges] = useState(0);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    change.mutate(
      { currentPassword: form.values.currentPassword, newPassword: form.values.newPassword },
      {
        onSuccess: () => {
          form.reset();
          setChanges((n) => n + 1);
        },
        onError: (e) => form.showApiError(e),
      },
    );
  };

  return (
    <div className={fr.cx('fr-grid-row')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <h1>Mon compte</h1>
        {session && (
          <p>
            Connecté·e en tant que <strong>{session.user.displayName}</strong> ({session.user.email}).
          </p>
        )}
        <h2>Changer de mot de passe</h2>
        {changes > 0 && (
          <SuccessPanel key={changes} as="h3" title="Mot de passe changé">
            <p>Vos autres sessions ouvertes (sur d’autres appareils ou navigateurs) ont été fermées.</p>
          </SuccessPanel>
        )}
        <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
        <form onSubmit={onSubmit} noValidate>
          <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires.</p>
          {session && (
            <input
              type="email"
              name="username"
              autoComplete="username"
              value={session.user.email}
              readOnly
              hidden
            />
          )}
          <TextField
            name="currentPassword"
            label={LABELS.currentPassword}
            type="password"
            autoComplete="current-password"
            required
            value={form.values.currentPassword}
            onChange={form.set('currentPassword')}
            error={form.errors.currentPassword}
          />
          <NewPasswordFields
            password={fieldOf(form, 'newPassword', LABELS.newPassword)}
            confirmation={fieldOf(form, 'confirmation', LABELS.confirmation)}
          />
          <SubmitButton pending={change.isPending}>Changer le mot de passe</SubmitButton>
        </form>
      </div>
    </div>
  );
}
