import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link, useNavigate } from '@tanstack/react-router';
import type { FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { useAcceptInvitation, useInvitation, useJoinInvitation } from '../../api/invitations';
import { useSession } from '../../api/session';
import type { Invitation } from '../../api/types';
import { asRole } from '../../lib/labels';
import { newPasswordErrors } from '../../lib/password';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { fieldOf, NewPasswordFields } from '../../ui/form/NewPasswordFields';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { afterJoining } from '../../ui/joined';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

const LABELS = {
  displayName: 'Prénom et nom',
  password: 'Mot de passe',
  confirmation: 'Confirmation du mot de passe',
};

type Values = { displayName: string; password: string; confirmation: string };

function validate(v: Values): FieldErrors {
  const e: FieldErrors = {};
  if (!v.displayName.trim()) e.displayName = 'Saisissez votre prénom et votre nom.';
  return { ...e, ...newPasswordErrors(v.password, v.confirmation) };
}

const isGone = (error: unknown) => error instanceof ApiError && error.status === 410;
/** Cut short when copied from the e-mail: the server says to copy it whole. */
const isIncomplete = (error: unknown) => error instanceof ApiError && error.code === 'link_incomplete';

export function InvitationPage({ token }: { token: string }) {
  useDocumentTitle('Accepter une invitation');
  const invitation = useInvitation(token);
  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <h1>Accepter l’invitation</h1>
        {invitation.isPending ? (
          <Loading what="Vérification de l’invitation…" />
        ) : invitation.isError ? (
          <Alert
            severity="error"
            as="h2"
            title={
              isGone(invitation.error)
                ? 'Invitation plus valable'
                : isIncomplete(invitation.error)
                  ? 'Lien d’invitation incomplet'
                  : 'Invitation invalide'
            }
            description={
              // 410: the server says why (withdrawn, replaced, accepted, expired) and what to do.
              invitation.error instanceof ApiError && invitation.error.status === 404
                ? 'Ce lien d’invitation est invalide : vérifiez qu’il est complet, ou demandez une nouvelle invitation à votre administrateur.'
                : invitation.error instanceof ApiError
                  ? invitation.error.detail
                  : 'Une erreur inattendue est survenue.'
            }
          />
        ) : invitation.data.existingAccount ? (
          <JoinWithAccount token={token} invitation={invitation.data} />
        ) : (
          <AcceptForm token={token} invitation={invitation.data} />
        )}
      </div>
    </div>
  );
}

function InvitationText({ invitation }: { invitation: Invitation }) {
  return (
    <>
      Vous êtes invité·e à rejoindre{' '}
      {(invitation.organisationName ?? invitation.funderName) ? (
        <strong>{invitation.organisationName ?? invitation.funderName}</strong>
      ) : (
        'la plateforme'
      )}{' '}
      {asRole(invitation.role)}, avec l’adresse <strong>{invitation.email}</strong>.
    </>
  );
}

/**
 * An account already has the invited address: its owner signs in (with the sign-in's lockout),
 * comes back here and accepts as that account. The invitation never asks for its password.
 */
function JoinWithAccount({ token, invitation }: { token: string; invitation: Invitation }) {
  const session = useSession();
  const join = useJoinInvitation(token);
  const navigate = useNavigate();
  const here = `/invitation/${token}`;
  const signedInAs = session.data?.user.email;

  if (session.isPending) return <Loading what="Vérification de votre session…" />;
  return (
    <>
      <p>
        <InvitationText invitation={invitation} /> Un compte existe déjà avec cette adresse.
      </p>
      {signedInAs === invitation.email ? (
        <>
          {join.isError && (
            <Alert
              severity="error"
              small
              className={fr.cx('fr-mb-2w')}
              description={
                join.error instanceof ApiError ? join.error.detail : 'Une erreur inattendue est survenue.'
              }
            />
          )}
          <Button
            type="button"
            disabled={join.isPending}
            onClick={() =>
              join.mutate(undefined, {
                onSuccess: ({ joined }) => void navigate({ to: afterJoining(joined) }),
              })
            }
          >
            Accepter l’invitation
          </Button>
        </>
      ) : signedInAs ? (
        <Alert
          severity="warning"
          small
          description={`Vous êtes connecté·e avec l’adresse ${signedInAs}. Déconnectez-vous, puis connectez-vous avec l’adresse ${invitation.email} pour accepter cette invitation.`}
        />
      ) : (
        <p>
          <Link to="/connexion" search={{ redirect: here }} className={fr.cx('fr-btn')}>
            Se connecter pour accepter
          </Link>
        </p>
      )}
    </>
  );
}

function AcceptForm({ token, invitation }: { token: string; invitation: Invitation }) {
  const form = useForm<Values>({ displayName: '', password: '', confirmation: '' }, validate);
  const accept = useAcceptInvitation(token);
  const navigate = useNavigate();

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    accept.mutate(
      { displayName: form.values.displayName.trim(), password: form.values.password },
      {
        onSuccess: ({ joined }) => void navigate({ to: afterJoining(joined) }),
        onError: (e) => form.showApiError(e),
      },
    );
  };

  return (
    <>
      <p>
        <InvitationText invitation={invitation} /> Choisissez le nom affiché et votre mot de passe.
      </p>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires.</p>
        {/* Lets password managers store the right identifier with the new password. */}
        <input
          type="email"
          name="username"
          autoComplete="username"
          value={invitation.email}
          readOnly
          hidden
        />
        <TextField
          name="displayName"
          label={LABELS.displayName}
          autoComplete="name"
          required
          value={form.values.displayName}
          onChange={form.set('displayName')}
          error={form.errors.displayName}
        />
        <NewPasswordFields
          password={fieldOf(form, 'password', LABELS.password)}
          confirmation={fieldOf(form, 'confirmation', LABELS.confirmation)}
        />
        <SubmitButton pending={accept.isPending}>Enregistrer</SubmitButton>
      </form>
    </>
  );
}
